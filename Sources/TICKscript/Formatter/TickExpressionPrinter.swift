/// Prints one expression on one line with as few parentheses as Kapacitor's precedence allows; numbers and
/// durations as they were written.
enum TickExpressionPrinter {
    static func print(_ expression: TickExpression) -> String {
        switch expression.kind {
        case .identifier(let name): name
        case .reference(let name): TickLiteral.reference(name)
        case .string(let value): TickLiteral.string(value)
        case .integer(let value): expression.literal ?? String(value)
        case .number(let value): expression.literal.map(Self.decimal) ?? TickLiteral.number(value)
        case .boolean(let value): value ? "TRUE" : "FALSE"
        case .duration(let nanoseconds): expression.literal ?? TickLiteral.duration(nanoseconds)
        case .regex(let pattern): TickLiteral.regex(pattern)
        case .star: "*"
        case .list(let elements): "[" + elements.map(print).joined(separator: ", ") + "]"
        case .lambda(let body): "lambda: " + print(body)
        case .unary(let op, let operand): op.rawValue + operandText(operand)
        case .binary(let op, let left, let right): binaryText(op, left, right)
        case .call(let name, let arguments): name + "(" + arguments.map(print).joined(separator: ", ") + ")"
        case .chain(let base, let link): chainBaseText(base) + print(link)
        }
    }

    /// A decimal as written, with a leading zero added (`.5` → `0.5`), as Kapacitor's formatter prints it.
    private static func decimal(_ text: String) -> String {
        text.hasPrefix(".") ? "0" + text : text
    }

    static func print(_ link: TickChainLink) -> String {
        guard let arguments = link.arguments else { return link.op.rawValue + link.name }
        return link.op.rawValue + link.name + "(" + arguments.map(print).joined(separator: ", ") + ")"
    }

    private static func binaryText(_ op: TickOperator, _ left: TickExpression, _ right: TickExpression) -> String {
        let precedence = op.precedence ?? 0
        var leftText = print(left)
        if let inner = left.binaryPrecedence, inner < precedence { leftText = "(" + leftText + ")" }
        var rightText = print(right)
        // Operators associate to the left, so a right operand of equal precedence needs its parentheses.
        if let inner = right.binaryPrecedence, inner <= precedence { rightText = "(" + rightText + ")" }
        return leftText + " " + op.rawValue + " " + rightText
    }

    private static func operandText(_ operand: TickExpression) -> String {
        switch operand.kind {
        case .binary, .lambda: "(" + print(operand) + ")"
        default: print(operand)
        }
    }

    private static func chainBaseText(_ base: TickExpression) -> String {
        switch base.kind {
        case .binary, .unary, .lambda: "(" + print(base) + ")"
        default: print(base)
        }
    }
}

extension TickExpression {
    fileprivate var binaryPrecedence: Int? {
        if case .binary(let op, _, _) = kind { return op.precedence }
        if case .lambda = kind { return -1 }
        return nil
    }
}

/// How values are spelled in TICKscript, so that reading the text back gives the same value.
public enum TickLiteral {
    public static func string(_ value: String) -> String {
        if value.contains("\n") || value.hasSuffix("\\") { return "'''" + value + "'''" }
        return "'" + value.replacingAll("'", with: "\\'") + "'"
    }

    public static func reference(_ name: String) -> String {
        "\"" + name.replacingAll("\"", with: "\\\"") + "\""
    }

    public static func regex(_ pattern: String) -> String {
        "/" + pattern.replacingAll("/", with: "\\/") + "/"
    }

    /// The largest unit that divides the value exactly: `90s` stays `90s`, `3600s` becomes `1h`.
    public static func duration(_ nanoseconds: Int64) -> String {
        let units: [(String, Int64)] = [
            ("w", 604_800_000_000_000), ("d", 86_400_000_000_000), ("h", 3_600_000_000_000), ("m", 60_000_000_000),
            ("s", 1_000_000_000), ("ms", 1_000_000), ("u", 1000),
        ]
        for (unit, size) in units where nanoseconds % size == 0 && nanoseconds != 0 {
            return String(nanoseconds / size) + unit
        }
        // Below a microsecond there is no TICKscript unit; 0 is written in seconds.
        return nanoseconds == 0 ? "0s" : String(nanoseconds / 1000) + "u"
    }

    /// A float always with a decimal point and never with an exponent, which TICKscript cannot read.
    public static func number(_ value: Double) -> String {
        var text = "\(value)"
        if let exponentIndex = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            text = expandExponent(mantissa: String(text[..<exponentIndex]), exponent: Int(text[text.index(after: exponentIndex)...]) ?? 0)
        }
        return text.contains(".") ? text : text + ".0"
    }

    private static func expandExponent(mantissa: String, exponent: Int) -> String {
        let negative = mantissa.hasPrefix("-")
        let unsigned = negative ? String(mantissa.dropFirst()) : mantissa
        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        let integerDigits = String(parts[0])
        let fractionDigits = parts.count > 1 ? String(parts[1]) : ""
        let digits = integerDigits + fractionDigits
        let pointIndex = integerDigits.count + exponent
        var result: String
        if pointIndex <= 0 {
            result = "0." + String(repeating: "0", count: -pointIndex) + digits
        } else if pointIndex >= digits.count {
            result = digits + String(repeating: "0", count: pointIndex - digits.count) + ".0"
        } else {
            result = String(digits.prefix(pointIndex)) + "." + String(digits.dropFirst(pointIndex))
        }
        return (negative ? "-" : "") + result
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
