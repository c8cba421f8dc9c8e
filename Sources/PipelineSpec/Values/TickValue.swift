public import TICKscript

/// A value a TICKscript expression outside a lambda evaluates to: what vars hold and what node and property
/// methods receive.
public indirect enum TickValue: Sendable, Equatable {
    case int(Int64)
    case float(Double)
    case bool(Bool)
    case string(String)
    /// Nanoseconds.
    case duration(Int64)
    case regex(String)
    /// The expression after `lambda:`, with TICKscript vars already put in.
    case lambda(TickExpression)
    case list([TickValue])
    case star
    /// A node of the pipeline being built (by its id), held by a var such as `var data = stream|from()`.
    case node(Int)
    /// `time(length[, offset])`, only meaningful in `query(…).groupBy(…)`.
    case timeDimension(length: Int64, offset: Int64)

    public var type: TickValueType {
        switch self {
        case .int: .int
        case .float: .float
        case .bool: .bool
        case .string: .string
        case .duration: .duration
        case .regex: .regex
        case .lambda: .lambda
        case .list: .list
        case .star: .star
        case .node: .node
        case .timeDimension: .timeDimension
        }
    }

    /// The value as TICKscript text (what the formatter and the vars API print).
    public var scriptText: String {
        switch self {
        case .int(let value): String(value)
        case .float(let value): TickLiteral.number(value)
        case .bool(let value): value ? "TRUE" : "FALSE"
        case .string(let value): TickLiteral.string(value)
        case .duration(let value): TickLiteral.duration(value)
        case .regex(let pattern): TickLiteral.regex(pattern)
        case .lambda(let body): "lambda: " + TickFormatter.expressionText(body)
        case .list(let values): "[" + values.map(\.scriptText).joined(separator: ", ") + "]"
        case .star: "*"
        case .node(let id): "node \(id)"
        case .timeDimension(let length, let offset):
            offset == 0 ? "time(\(TickLiteral.duration(length)))" : "time(\(TickLiteral.duration(length)), \(TickLiteral.duration(offset)))"
        }
    }
}

/// The type of a `TickValue`; the first nine are the types a `var` can declare and task vars can carry.
public enum TickValueType: String, Sendable, Equatable, CaseIterable {
    case int, float, bool, string, duration, regex, lambda, list, star
    case node
    case timeDimension = "time"

    init(_ declared: TickVariableType) {
        self = TickValueType(rawValue: declared.rawValue)!
    }

    /// What error messages call it.
    var spoken: String {
        switch self {
        case .node: "a node"
        case .timeDimension: "time()"
        default: rawValue
        }
    }
}
