import RE2Bridge

/// Go's `ReplaceAllString` (Kapacitor's `regexReplace`): every non-overlapping match replaced by `template`, where
/// `$1`, `${1}`, `$name` and `${name}` stand for groups and `$$` for a dollar sign.
extension RE2Regex {
    public func replacingAll(in text: String, with template: String) -> String {
        let source = Array(text.utf8)
        var output: [UInt8] = []
        var lastMatchEnd = 0
        var searchPosition = 0
        var offsets = [Int](repeating: -1, count: 2 * (groupCount + 1))
        while searchPosition <= source.count, findMatch(in: source, from: searchPosition, into: &offsets) {
            output += source[lastMatchEnd..<offsets[0]]
            // No replacement for an empty match right after another match, as Go does.
            if offsets[1] > lastMatchEnd || offsets[0] == 0 { expand(template, source: source, offsets: offsets, into: &output) }
            lastMatchEnd = offsets[1]
            // Advance past the match, and always by at least one character.
            let width = searchPosition < source.count ? Self.scalarWidth(source[searchPosition]) : 1
            searchPosition = searchPosition + width > offsets[1] ? searchPosition + width : offsets[1]
        }
        output += source[lastMatchEnd...]
        return String(decoding: output, as: UTF8.self)
    }

    private func findMatch(in source: [UInt8], from start: Int, into offsets: inout [Int]) -> Bool {
        source.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { text in
                offsets.withUnsafeMutableBufferPointer { found in
                    sundial_re2_match(compiled, text.baseAddress, text.count, start, found.baseAddress, Int32(groupCount)) != 0
                }
            }
        }
    }

    /// Go's `Regexp.Expand`: a `$` not followed by a name is written as it is.
    private func expand(_ template: String, source: [UInt8], offsets: [Int], into output: inout [UInt8]) {
        let bytes = Array(template.utf8)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "$"), index + 1 < bytes.count else {
                output.append(bytes[index])
                index += 1
                continue
            }
            if bytes[index + 1] == UInt8(ascii: "$") {
                output.append(UInt8(ascii: "$"))
                index += 2
                continue
            }
            guard let (name, next) = Self.groupName(bytes, after: index) else {
                output.append(UInt8(ascii: "$"))
                index += 1
                continue
            }
            if let group = groupNumber(name), group <= groupCount, offsets[2 * group] >= 0 {
                output += source[offsets[2 * group]..<offsets[2 * group + 1]]
            }
            index = next
        }
    }

    /// The name after the `$` at `dollar` (`1`, `name`, or either in braces) and where the text after it starts.
    private static func groupName(_ bytes: [UInt8], after dollar: Int) -> (String, Int)? {
        let isNameByte = { (byte: UInt8) in
            (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte == UInt8(ascii: "_")
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
        var start = dollar + 1
        let braced = bytes[start] == UInt8(ascii: "{")
        if braced { start += 1 }
        var end = start
        while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
        guard end > start else { return nil }
        if braced {
            guard end < bytes.count, bytes[end] == UInt8(ascii: "}") else { return nil }
            return (String(decoding: bytes[start..<end], as: UTF8.self), end + 1)
        }
        return (String(decoding: bytes[start..<end], as: UTF8.self), end)
    }

    /// A numeric name's group, or a named group's number; nil for a name the pattern does not have.
    private func groupNumber(_ name: String) -> Int? {
        if name.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            return name.count <= 9 ? Int(name) : nil
        }
        let number = sundial_re2_named_group(compiled, name)
        return number >= 0 ? Int(number) : nil
    }

    /// The length in bytes of the UTF-8 sequence starting with `lead`.
    private static func scalarWidth(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }
}
