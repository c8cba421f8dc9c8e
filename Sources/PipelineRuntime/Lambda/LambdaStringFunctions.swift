import Foundation

/// The `str…` lambda functions, with Go's `strings` package semantics (byte offsets, cutsets).
enum LambdaStringFunctions {
    static func call(_ name: String, _ arguments: [LambdaValue]) throws(LambdaError) -> LambdaValue {
        var texts: [String] = []
        var integers: [Int64] = []
        for argument in arguments {
            switch argument {
            case .string(let text): texts.append(text)
            case .int(let number): integers.append(number)
            default: throw LambdaFunctionTable.argumentError(name, arguments, "strings")
            }
        }
        guard let first = texts.first else { throw LambdaFunctionTable.argumentError(name, arguments, "a string") }
        let second = texts.count > 1 ? texts[1] : ""
        switch name {
        case "strLength": return .int(Int64(first.utf8.count))
        case "strToLower": return .string(first.lowercased())
        case "strToUpper": return .string(first.uppercased())
        case "strTrimSpace": return .string(first.trimmingCharacters(in: .whitespacesAndNewlines))
        case "strContains": return .bool(second.isEmpty || first.contains(second))
        case "strContainsAny": return .bool(first.contains { second.contains($0) })
        case "strHasPrefix": return .bool(first.hasPrefix(second))
        case "strHasSuffix": return .bool(first.hasSuffix(second))
        case "strCount": return .int(count(second, in: first))
        case "strIndex": return .int(byteOffset(first.range(of: second)?.lowerBound, in: first))
        case "strLastIndex": return .int(byteOffset(first.range(of: second, options: .backwards)?.lowerBound, in: first))
        case "strIndexAny": return .int(byteOffset(first.firstIndex { second.contains($0) }, in: first))
        case "strLastIndexAny": return .int(byteOffset(first.lastIndex { second.contains($0) }, in: first))
        case "strTrim": return .string(first.trimmingCharacters(in: CharacterSet(charactersIn: second)))
        case "strTrimLeft": return .string(String(first.drop { second.contains($0) }))
        case "strTrimRight": return .string(String(first.reversed().drop { second.contains($0) }.reversed()))
        case "strTrimPrefix": return .string(first.hasPrefix(second) ? String(first.dropFirst(second.count)) : first)
        case "strTrimSuffix": return .string(first.hasSuffix(second) ? String(first.dropLast(second.count)) : first)
        case "strReplace": return try replace(texts, integers, arguments)
        case "strSubstring":
            let bytes = Array(first.utf8)
            guard integers.count == 2, integers[0] >= 0, integers[0] <= integers[1], integers[1] <= bytes.count else {
                throw LambdaError("strSubstring: indices out of range")
            }
            return .string(String(decoding: bytes[Int(integers[0])..<Int(integers[1])], as: UTF8.self))
        default: throw LambdaError("undefined function \(name)")
        }
    }

    private static func replace(_ texts: [String], _ integers: [Int64], _ arguments: [LambdaValue]) throws(LambdaError) -> LambdaValue {
        guard texts.count == 3, integers.count == 1 else {
            throw LambdaFunctionTable.argumentError("strReplace", arguments, "string, string, string, int")
        }
        var result = texts[0]
        var remaining = integers[0]
        var searchStart = result.startIndex
        while remaining != 0, !texts[1].isEmpty, let range = result.range(of: texts[1], range: searchStart..<result.endIndex) {
            result.replaceSubrange(range, with: texts[2])
            searchStart = result.index(range.lowerBound, offsetBy: texts[2].count)
            remaining -= 1
        }
        return .string(result)
    }

    private static func count(_ needle: String, in text: String) -> Int64 {
        if needle.isEmpty { return Int64(text.count + 1) }
        return Int64(text.components(separatedBy: needle).count - 1)
    }

    private static func byteOffset(_ index: String.Index?, in text: String) -> Int64 {
        guard let index else { return -1 }
        return Int64(text.utf8.distance(from: text.startIndex, to: index))
    }
}
