import Foundation

/// The functions alert templates may call: Go's `index`, `printf`, `print`, `len`, `eq`, `ne`, `not`, `and`, `or`,
/// and Kapacitor's `json` and `jsonCompact`.
enum TemplateFunctions {
    static let names: Set<String> = ["index", "printf", "print", "json", "jsonCompact", "len", "eq", "ne", "not", "and", "or"]

    static func call(_ name: String, _ arguments: [TemplateValue]) throws(AlertTemplateError) -> TemplateValue {
        switch name {
        case "index":
            guard arguments.count == 2, case .string(let key) = arguments[1] else { throw AlertTemplateError("index: wrong arguments") }
            return arguments[0].member(key) ?? .null
        case "printf":
            guard case .string(let format)? = arguments.first else { throw AlertTemplateError("printf: no format") }
            return .string(printf(format, Array(arguments.dropFirst())))
        case "print": return .string(arguments.map(\.printed).joined())
        case "eq", "ne":
            guard arguments.count >= 2 else { throw AlertTemplateError("\(name): wants two arguments") }
            let equal = arguments.dropFirst().contains { $0 == arguments[0] }
            return .bool(name == "eq" ? equal : !equal)
        case "not":
            guard arguments.count == 1 else { throw AlertTemplateError("not: wants one argument") }
            return .bool(!arguments[0].isTrue)
        case "and": return arguments.first { !$0.isTrue } ?? arguments.last ?? .null
        case "or": return arguments.first { $0.isTrue } ?? arguments.last ?? .null
        case "json", "jsonCompact":
            guard arguments.count == 1 else { throw AlertTemplateError("\(name): wants one argument") }
            return .string(arguments[0].json)
        case "len":
            guard arguments.count == 1 else { throw AlertTemplateError("len: wants one argument") }
            switch arguments[0] {
            case .string(let text): return .int(Int64(text.utf8.count))
            case .map(let entries): return .int(Int64(entries.count))
            case .object(let members): return .int(Int64(members.count))
            case .list(let items): return .int(Int64(items.count))
            default: throw AlertTemplateError("len of \(arguments[0].printed)")
            }
        default: throw AlertTemplateError("function \"\(name)\" not defined")
        }
    }

    /// Go's `fmt.Sprintf` for the verbs templates use: `%v %s %d %f %.Nf %e %g %q %%`.
    static func printf(_ format: String, _ arguments: [TemplateValue]) -> String {
        var output = ""
        var next = 0
        var index = format.startIndex
        while index < format.endIndex {
            let character = format[index]
            index = format.index(after: index)
            guard character == "%", index < format.endIndex else {
                output.append(character)
                continue
            }
            var spec = ""
            while index < format.endIndex, "0123456789.-+ #".contains(format[index]) {
                spec.append(format[index])
                index = format.index(after: index)
            }
            guard !hasTooLargeNumber(spec) else {
                // Go stops reading a width or precision past a million and loses the verb and the rest.
                output += "%!(NOVERB)"
                break
            }
            guard index < format.endIndex else { break }
            let verb = format[index]
            index = format.index(after: index)
            if verb == "%" {
                output.append("%")
                continue
            }
            guard next < arguments.count else {
                output += "%!\(verb)(MISSING)"
                continue
            }
            output += formatted(arguments[next], verb: verb, spec: spec)
            next += 1
        }
        return output
    }

    /// Whether a width or precision reads past Go's limit: its `parsenum` gives up when the number so far exceeds a
    /// million and another digit follows, which also keeps a template from asking for gigabytes of padding.
    private static func hasTooLargeNumber(_ spec: String) -> Bool {
        var number = 0
        for character in spec {
            guard let digit = character.wholeNumberValue, character.isASCII else {
                number = 0
                continue
            }
            if number > 1_000_000 { return true }
            number = number * 10 + digit
        }
        return false
    }

    private static func formatted(_ value: TemplateValue, verb: Character, spec: String) -> String {
        let precision = spec.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first.flatMap { Int($0) }
        switch (value, verb) {
        case (.float(let number), "f"), (.float(let number), "e"), (.float(let number), "g"):
            return pad(GoNumber.format(number, verb: verb, precision: precision), spec)
        case (.int(let number), "f"): return pad(GoNumber.format(Double(number), verb: "f", precision: precision), spec)
        case (.float(let number), "d"): return "%!d(float64=\(GoNumber.format(number, verb: "v", precision: nil)))"
        case (_, "q"): return value.json
        default: return pad(value.printed, spec)
        }
    }

    private static func pad(_ text: String, _ spec: String) -> String {
        let widthText = spec.split(separator: ".", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let leftAlign = widthText.hasPrefix("-")
        guard let width = Int(widthText.trimmingCharacters(in: CharacterSet(charactersIn: "-+ #"))), text.count < width else { return text }
        let filler = String(repeating: widthText.hasPrefix("0") && !leftAlign ? "0" : " ", count: width - text.count)
        return leftAlign ? text + filler : filler + text
    }
}
