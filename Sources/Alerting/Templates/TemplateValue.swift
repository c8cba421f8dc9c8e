import Foundation
public import TimeSeries

/// A value an alert template can reach (`.ID`, `.Tags`, `index .Fields "v"`), printed as Go prints it.
public indirect enum TemplateValue: Sendable, Equatable {
    case string(String)
    case int(Int64)
    case float(Double)
    case bool(Bool)
    /// Nanoseconds since the epoch: `{{ .Time }}` prints `2018-03-09 23:17:42 +0000 UTC`.
    case time(Int64)
    /// Nanoseconds: `{{ .Duration }}` prints `1m30s`.
    case duration(Int64)
    /// Keys in the order Go's JSON encoder writes the struct's fields; maps are printed sorted by key.
    case object([(String, TemplateValue)])
    case map([String: TemplateValue])
    /// A slice: printed `[a b]`, JSON `[…]` (handler payloads).
    case list([TemplateValue])
    case null

    public static func == (lhs: TemplateValue, rhs: TemplateValue) -> Bool { lhs.printed == rhs.printed }

    public init(_ value: FieldValue) {
        switch value {
        case .float(let number): self = .float(number)
        case .integer(let number): self = .int(number)
        case .unsigned(let number): self = .int(Int64(truncatingIfNeeded: number))
        case .string(let text): self = .string(text)
        case .boolean(let flag): self = .bool(flag)
        }
    }

    /// The member `name` of an object or map.
    func member(_ name: String) -> TemplateValue? {
        switch self {
        case .object(let members): members.first { $0.0 == name }?.1
        case .map(let entries): entries[name]
        default: nil
        }
    }

    /// Go's truth in `if`: false, zero, empty and missing values are false.
    var isTrue: Bool {
        switch self {
        case .string(let text): !text.isEmpty
        case .int(let number), .time(let number), .duration(let number): number != 0
        case .float(let number): number != 0
        case .bool(let flag): flag
        case .object(let members): !members.isEmpty
        case .map(let entries): !entries.isEmpty
        case .list(let items): !items.isEmpty
        case .null: false
        }
    }

    /// As `{{ . }}` and `%v` print it.
    var printed: String {
        switch self {
        case .string(let text): text
        case .int(let number): String(number)
        case .float(let number): GoNumber.format(number, verb: "v", precision: nil)
        case .bool(let flag): flag ? "true" : "false"
        case .time(let nanoseconds): GoTime.goString(nanoseconds)
        case .duration(let nanoseconds): GoDuration.format(nanoseconds: nanoseconds)
        case .object(let members): "{" + members.map(\.1.printed).joined(separator: " ") + "}"
        case .list(let items): "[" + items.map(\.printed).joined(separator: " ") + "]"
        case .map(let entries):
            "map[" + entries.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value.printed)" }.joined(separator: " ") + "]"
        case .null: "<no value>"
        }
    }

    /// As the templates' `json` function writes it (Go's `encoding/json`).
    var json: String {
        switch self {
        case .string(let text): Self.quoted(text)
        case .int(let number): String(number)
        case .float(let number): number.isFinite ? GoNumber.json(number) : "null"
        case .bool(let flag): flag ? "true" : "false"
        case .time(let nanoseconds): Self.quoted(GoTime.rfc3339Nano(nanoseconds))
        case .duration(let nanoseconds): String(nanoseconds)
        case .object(let members): "{" + members.map { Self.quoted($0.0) + ":" + $0.1.json }.joined(separator: ",") + "}"
        case .list(let items): "[" + items.map(\.json).joined(separator: ",") + "]"
        case .map(let entries):
            "{" + entries.sorted { $0.key < $1.key }.map { Self.quoted($0.key) + ":" + $0.value.json }.joined(separator: ",") + "}"
        case .null: "null"
        }
    }

    private static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "<": output += "\\u003c"
            case ">": output += "\\u003e"
            case "&": output += "\\u0026"
            default:
                if scalar.value < 0x20 { output += String(format: "\\u%04x", scalar.value) } else { output.unicodeScalars.append(scalar) }
            }
        }
        return output + "\""
    }
}

/// Go's forms of floats that templates use: `%v` (strconv's shortest `%g`: exponent below 1e-4 and from 1e6 up),
/// `%f`/`%.Nf`/`%e`, and `encoding/json`'s (exponent below 1e-6 and from 1e21 up).
enum GoNumber {
    static func format(_ value: Double, verb: Character, precision: Int?) -> String {
        switch verb {
        case "f", "F": return String(format: "%.\(precision ?? 6)f", value)
        case "e": return String(format: "%.\(precision ?? 6)e", value)
        case "g" where precision != nil: return String(format: "%.\(precision!)g", value)
        default: return shortest(value, exponentBelow: -4, exponentFrom: 6, twoDigitExponent: true)
        }
    }

    static func json(_ value: Double) -> String { shortest(value, exponentBelow: -6, exponentFrom: 21, twoDigitExponent: false) }

    /// The shortest digits that read back as `value`, in positional or exponent form by the exponent's range.
    private static func shortest(_ value: Double, exponentBelow low: Int, exponentFrom high: Int, twoDigitExponent: Bool) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        let (digits, exponent) = decimalDigits(abs(value))
        let sign = value < 0 ? "-" : ""
        if exponent < low || exponent >= high {
            let mantissa = digits.count > 1 ? "\(digits.first!).\(digits.dropFirst())" : digits
            let magnitude = String(abs(exponent))
            let padded = twoDigitExponent && magnitude.count < 2 ? "0" + magnitude : magnitude
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + padded
        }
        if exponent < 0 { return sign + "0." + String(repeating: "0", count: -exponent - 1) + digits }
        if digits.count <= exponent + 1 { return sign + digits + String(repeating: "0", count: exponent + 1 - digits.count) }
        let point = digits.index(digits.startIndex, offsetBy: exponent + 1)
        return sign + digits[..<point] + "." + digits[point...]
    }

    /// Swift's shortest round-trip digits of a positive finite value and its decimal exponent (`1.5e3` → "15", 3).
    private static func decimalDigits(_ value: Double) -> (String, Int) {
        let text = "\(value)"
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(parts[0])
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        var digits = whole + fraction
        exponent += whole.count - 1
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            exponent -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        return (digits, exponent)
    }
}
