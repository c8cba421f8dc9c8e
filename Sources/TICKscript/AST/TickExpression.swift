/// A TICKscript expression with where it starts.
public struct TickExpression: Sendable, Equatable {
    public indirect enum Kind: Sendable, Equatable {
        case identifier(String)
        /// `"name"`: a field or tag inside lambdas, a database or policy in `dbrp`.
        case reference(String)
        case string(String)
        case integer(Int64)
        case number(Double)
        case boolean(Bool)
        /// Nanoseconds.
        case duration(Int64)
        case regex(String)
        case star
        case list([TickExpression])
        case lambda(TickExpression)
        case unary(TickOperator, TickExpression)
        case binary(TickOperator, TickExpression, TickExpression)
        /// `name(arguments)`: a global function (`time(1m)`) or a lambda function (`sigma("v")`).
        case call(name: String, arguments: [TickExpression])
        /// `base | node(…)`, `base.property(…)`, `base @udf(…)`.
        case chain(TickExpression, TickChainLink)
    }

    public let kind: Kind
    public let position: TickPosition
    /// How a number or duration was written (`0644`, `60s`), so formatting keeps it; nil for other expressions.
    public let literal: String?

    public init(_ kind: Kind, at position: TickPosition, literal: String? = nil) {
        self.kind = kind
        self.position = position
        self.literal = literal
    }

    /// Two expressions are equal when they mean the same, however their numbers were spelled.
    public static func == (lhs: TickExpression, rhs: TickExpression) -> Bool {
        lhs.kind == rhs.kind && lhs.position == rhs.position
    }
}

/// One link of a chain: which operator, the method name and its arguments (nil for a bare `.property`).
public struct TickChainLink: Sendable, Equatable {
    public enum Operator: String, Sendable, Equatable {
        /// `|`: creates a child node.
        case pipe = "|"
        /// `.`: sets a property of the node.
        case property = "."
        /// `@`: a user-defined function node.
        case userFunction = "@"
    }

    public let op: Operator
    public let name: String
    public let arguments: [TickExpression]?
    public let position: TickPosition
}

/// A top-level statement.
public enum TickStatement: Sendable, Equatable {
    /// `var name = expression`.
    case variable(name: String, value: TickExpression, position: TickPosition)
    /// `var name type`: a template variable a task must fill.
    case templateVariable(name: String, type: TickVariableType, position: TickPosition)
    /// `dbrp "db"."rp"`.
    case dbrp(database: String, retentionPolicy: String, position: TickPosition)
    case expression(TickExpression)
}

/// The types a template variable can declare.
public enum TickVariableType: String, Sendable, Equatable, CaseIterable {
    case int, float, bool, string, duration, lambda, regex, list, star
}

/// A `//` comment: its text after the slashes, and where it starts.
public struct TickComment: Sendable, Equatable {
    public let text: String
    public let position: TickPosition
}

/// A parsed script with what the formatter needs besides the statements: comments and the last line of each
/// statement (to keep blank lines between statements).
public struct TickProgram: Sendable, Equatable {
    public let statements: [TickStatement]
    public let comments: [TickComment]
    public let statementEndLines: [Int]
}

extension TickStatement {
    public var position: TickPosition {
        switch self {
        case .variable(_, _, let position), .templateVariable(_, _, let position), .dbrp(_, _, let position): position
        case .expression(let expression): expression.position
        }
    }
}

extension TickExpression {
    /// The expression a chain starts from and its links in order (no links when this is not a chain).
    public var chainLinks: (base: TickExpression, links: [TickChainLink]) {
        var links: [TickChainLink] = []
        var current = self
        while case .chain(let inner, let link) = current.kind {
            links.append(link)
            current = inner
        }
        return (current, links.reversed())
    }
}
