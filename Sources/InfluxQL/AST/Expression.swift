/// An InfluxQL expression: in WHERE clauses, SELECT fields and function arguments.
public indirect enum Expression: Sendable, Equatable {
    case variable(VariableReference)
    case call(name: String, arguments: [Expression])
    case binary(BinaryOperator, Expression, Expression)
    case parenthesized(Expression)
    case integer(Int64)
    case unsigned(UInt64)
    case number(Double)
    case string(String)
    case boolean(Bool)
    /// Nanoseconds.
    case duration(Int64)
    case regex(String)
    /// `*`, optionally limited to fields or tags (`*::field`).
    case wildcard(VariableReference.Cast?)
}

/// A field or tag name, optionally cast: `"loc"::tag`, `v::integer`.
public struct VariableReference: Sendable, Equatable {
    public enum Cast: String, Sendable, Equatable {
        case float, integer, unsigned, string, boolean, field, tag
    }

    public var name: String
    public var cast: Cast?

    public init(_ name: String, cast: Cast? = nil) {
        self.name = name
        self.cast = cast
    }
}

/// Binary operators, with InfluxQL's precedence: OR < AND < comparisons < `+ - | ^` < `* / % &`.
public enum BinaryOperator: String, Sendable, Equatable {
    case or = "OR"
    case and = "AND"
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case regexMatch = "=~"
    case regexNotMatch = "!~"
    case add = "+"
    case subtract = "-"
    case bitwiseOr = "|"
    case bitwiseXor = "^"
    case multiply = "*"
    case divide = "/"
    case modulo = "%"
    case bitwiseAnd = "&"

    var precedence: Int {
        switch self {
        case .or: 1
        case .and: 2
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .regexMatch, .regexNotMatch: 3
        case .add, .subtract, .bitwiseOr, .bitwiseXor: 4
        case .multiply, .divide, .modulo, .bitwiseAnd: 5
        }
    }

    public var isComparison: Bool { precedence == 3 }

    /// The operator that keeps the meaning when the operands swap sides: `5 < x` is `x > 5`.
    public var mirrored: BinaryOperator {
        switch self {
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        default: self
        }
    }

    init?(_ token: Token.Kind) {
        switch token {
        case .keyword(.or): self = .or
        case .keyword(.and): self = .and
        case .operator(let op):
            switch op {
            case .equal: self = .equal
            case .notEqual: self = .notEqual
            case .lessThan: self = .less
            case .lessThanOrEqual: self = .lessOrEqual
            case .greaterThan: self = .greater
            case .greaterThanOrEqual: self = .greaterOrEqual
            case .regexMatch: self = .regexMatch
            case .regexNotMatch: self = .regexNotMatch
            case .plus: self = .add
            case .minus: self = .subtract
            case .bitwiseOr: self = .bitwiseOr
            case .bitwiseXor: self = .bitwiseXor
            case .multiply: self = .multiply
            case .divide: self = .divide
            case .modulo: self = .modulo
            case .bitwiseAnd: self = .bitwiseAnd
            default: return nil
            }
        default: return nil
        }
    }
}

/// A measurement a statement reads from: `db.rp.name`, `name`, or a regex `/cpu.*/`.
public struct MeasurementSource: Sendable, Equatable {
    public var database: String?
    public var retentionPolicy: String?
    public var name: String?
    public var regex: String?
    /// `FROM (SELECT …)`: the inner statement's results are what the outer one reads.
    public var subquery: Subquery?

    public init(
        database: String? = nil, retentionPolicy: String? = nil, name: String? = nil, regex: String? = nil, subquery: Subquery? = nil
    ) {
        self.database = database
        self.retentionPolicy = retentionPolicy
        self.name = name
        self.regex = regex
        self.subquery = subquery
    }
}

/// A SELECT nested in a FROM clause (boxed: a statement holds its sources).
public indirect enum Subquery: Sendable, Equatable {
    case select(SelectStatement)

    public var statement: SelectStatement {
        switch self {
        case .select(let statement): statement
        }
    }
}
