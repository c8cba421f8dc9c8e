/// Writes JSON byte for byte as Go's `encoding/json` does, since InfluxDB clients compare answers as text:
/// `<`, `>` and `&` escaped as `\u003c`-style sequences, floats in their shortest form (`3`, `0.5`, `1e+21`,
/// `1e-7`), and `MarshalIndent`'s four-space layout for `pretty=true`.
struct JSONWriter {
    indirect enum Value {
        case object([(String, Value)])
        case array([Value])
        case string(String)
        case integer(Int64)
        case unsigned(UInt64)
        case float(Double)
        case boolean(Bool)
        case null
    }

    static func encode(_ value: Value, pretty: Bool) -> String {
        var output = ""
        write(value, into: &output, indent: pretty ? 0 : nil)
        return output
    }

    private static func write(_ value: Value, into output: inout String, indent: Int?) {
        switch value {
        case .object(let members):
            writeContainer(members, open: "{", close: "}", into: &output, indent: indent) { member, output, inner in
                writeString(member.0, into: &output)
                output += inner == nil ? ":" : ": "
                write(member.1, into: &output, indent: inner)
            }
        case .array(let elements):
            writeContainer(elements, open: "[", close: "]", into: &output, indent: indent) { element, output, inner in
                write(element, into: &output, indent: inner)
            }
        case .string(let text): writeString(text, into: &output)
        case .integer(let number): output += String(number)
        case .unsigned(let number): output += String(number)
        case .float(let number): output += formatFloat(number)
        case .boolean(let flag): output += flag ? "true" : "false"
        case .null: output += "null"
        }
    }

    private static func writeContainer<T>(
        _ items: [T],
        open: String,
        close: String,
        into output: inout String,
        indent: Int?,
        writeItem: (T, inout String, Int?) -> Void
    ) {
        output += open
        guard !items.isEmpty else {
            output += close
            return
        }
        let inner = indent.map { $0 + 1 }
        for (offset, item) in items.enumerated() {
            if offset > 0 { output += "," }
            if let inner { output += "\n" + String(repeating: "    ", count: inner) }
            writeItem(item, &output, inner)
        }
        if let indent { output += "\n" + String(repeating: "    ", count: indent) }
        output += close
    }

    static func writeString(_ text: String, into output: inout String) {
        output += "\""
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
            case "\u{2028}": output += "\\u2028"
            case "\u{2029}": output += "\\u2029"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }

    /// Go's JSON float form: shortest digits, plain for 1e-6 <= |x| < 1e21, otherwise `d.ddde±X`.
    static func formatFloat(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        if number == 0 { return number.sign == .minus ? "-0" : "0" }
        let (digits, exponent) = shortestDigits(number.magnitude)
        let sign = number < 0 ? "-" : ""
        let magnitude = number.magnitude
        if magnitude >= 1e-6 && magnitude < 1e21 {
            // exponent: value = 0.digits × 10^exponent
            if exponent <= 0 { return sign + "0." + String(repeating: "0", count: -exponent) + digits }
            if exponent >= digits.count { return sign + digits + String(repeating: "0", count: exponent - digits.count) }
            let split = digits.index(digits.startIndex, offsetBy: exponent)
            return sign + digits[..<split] + "." + digits[split...]
        }
        let mantissa = digits.count > 1 ? "\(digits.first!).\(digits.dropFirst())" : digits
        let power = exponent - 1
        return sign + mantissa + "e" + (power < 0 ? "-" : "+") + String(abs(power))
    }

    /// The shortest round-trip decimal digits of a positive finite value and its exponent (value = 0.d1d2… × 10^e),
    /// taken from Swift's own shortest printing.
    private static func shortestDigits(_ value: Double) -> (String, Int) {
        let text = value.description
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
        var pointPosition = whole.count + exponent
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        return (digits, pointPosition)
    }
}
