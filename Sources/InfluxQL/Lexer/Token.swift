/// One lexical token of InfluxQL with where it starts.
public struct Token: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case eof
        case identifier
        case keyword(Keyword)
        /// `'...'`, `text` holds the unescaped value.
        case string
        case integer
        case number
        /// An integer with units, `10s`, `1h30m`; `text` holds it as written.
        case duration
        case regex
        /// `$name`, `text` holds the name.
        case boundParameter
        case `operator`(Operator)
        /// A malformed token; `text` holds the problem (`bad string`, `bad escape`, `bad regex`).
        case illegal
    }

    public let kind: Kind
    /// The token's value: identifier and string contents unescaped, numbers and operators as written.
    public let text: String
    public let position: SourcePosition

    /// How InfluxDB names the token in `found …` messages: its text (strings without quotes), `EOF`, or the keyword in
    /// capitals.
    var displayText: String {
        switch kind {
        case .eof: "EOF"
        case .keyword(let keyword): keyword.rawValue
        case .operator(let op): op.rawValue
        default: text
        }
    }
}

/// A place in the query text: byte offset, and 1-based line and character as InfluxDB reports them.
public struct SourcePosition: Sendable, Equatable, Comparable {
    public let offset: Int
    public let line: Int
    public let column: Int

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool { lhs.offset < rhs.offset }
}

public enum Operator: String, Sendable, CaseIterable {
    case plus = "+"
    case minus = "-"
    case multiply = "*"
    case divide = "/"
    case modulo = "%"
    case bitwiseAnd = "&"
    case bitwiseOr = "|"
    case bitwiseXor = "^"
    case equal = "="
    case notEqual = "!="
    case lessThan = "<"
    case lessThanOrEqual = "<="
    case greaterThan = ">"
    case greaterThanOrEqual = ">="
    case regexMatch = "=~"
    case regexNotMatch = "!~"
    case leftParenthesis = "("
    case rightParenthesis = ")"
    case comma = ","
    case semicolon = ";"
    case dot = "."
    case doubleColon = "::"
    /// Only in `INTO db.rp.:MEASUREMENT`.
    case colon = ":"
}
