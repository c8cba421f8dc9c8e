/// A token of TICKscript.
public struct TickToken: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case eof
        case identifier
        /// `var`, `dbrp`, `TRUE`, `FALSE`, `AND`, `OR` — case-sensitive, as in Kapacitor.
        case keyword(TickKeyword)
        /// `lambda:` (the word and its colon together).
        case lambda
        case integer(Int64)
        case number(Double)
        /// Nanoseconds.
        case duration(Int64)
        /// `'…'` or `'''…'''`; `text` holds the value.
        case string
        /// `"…"`, a field or tag name; `text` holds the name.
        case reference
        case regex
        case star
        case punctuation(Character)
        case `operator`(TickOperator)
        /// Bad input; `text` says what is wrong.
        case illegal
    }

    public let kind: Kind
    public let text: String
    public let position: TickPosition

    /// Whether the token can end an operand, after which `/` divides and `*` multiplies.
    var endsOperand: Bool {
        switch kind {
        case .identifier, .integer, .number, .duration, .string, .reference, .regex, .star, .keyword(.true), .keyword(.false): true
        case .punctuation(let character): character == ")" || character == "]"
        default: false
        }
    }

    var display: String {
        switch kind {
        case .eof: "end of script"
        case .string: "'\(text)'"
        case .reference: "\"\(text)\""
        default: text
        }
    }
}

public enum TickKeyword: String, Sendable, Equatable, CaseIterable {
    case `var` = "var"
    case dbrp = "dbrp"
    case `true` = "TRUE"
    case `false` = "FALSE"
    case and = "AND"
    case or = "OR"
}

public enum TickOperator: String, Sendable, Equatable, CaseIterable {
    case plus = "+"
    case minus = "-"
    case multiply = "*"
    case divide = "/"
    case modulo = "%"
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case regexMatch = "=~"
    case regexNotMatch = "!~"
    case not = "!"
    case and = "AND"
    case or = "OR"

    /// Kapacitor's precedence: OR 0 < AND 1 < equality and regex 2 < ordering 3 < additive 4 < multiplicative 5.
    var precedence: Int? {
        switch self {
        case .or: 0
        case .and: 1
        case .equal, .notEqual, .regexMatch, .regexNotMatch: 2
        case .less, .lessOrEqual, .greater, .greaterOrEqual: 3
        case .plus, .minus: 4
        case .multiply, .divide, .modulo: 5
        case .not: nil
        }
    }
}
