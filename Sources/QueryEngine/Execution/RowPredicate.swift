import InfluxQL
import TimeSeries

/// Evaluates a WHERE clause (time already taken out) against one row: names resolve to the row's fields first, then
/// to the series' tags. Numbers compare numerically, strings and tags as strings, regexes with `=~` and `!~`.
enum RowPredicate {
    static func matches(_ expression: Expression, fields: [String: FieldValue], tags: [String: String]) throws -> Bool {
        switch expression {
        case .parenthesized(let inner): return try matches(inner, fields: fields, tags: tags)
        case .binary(.and, let left, let right):
            return try matches(left, fields: fields, tags: tags) && matches(right, fields: fields, tags: tags)
        case .binary(.or, let left, let right):
            return try matches(left, fields: fields, tags: tags) || matches(right, fields: fields, tags: tags)
        case .boolean(let value): return value
        case .binary(let op, .variable(let variable), let literal):
            return try compare(op, value(of: variable.name, fields, tags), literal)
        case .binary(let op, let literal, .variable(let variable)):
            return try compare(op.mirrored, value(of: variable.name, fields, tags), literal)
        default:
            throw QueryError("unsupported condition in WHERE clause")
        }
    }

    private enum Operand {
        case number(Double)
        case text(String)
        case flag(Bool)
        case missing
    }

    private static func value(of name: String, _ fields: [String: FieldValue], _ tags: [String: String]) -> Operand {
        if let field = fields[name] {
            switch field {
            case .float(let number): return .number(number)
            case .integer(let number): return .number(Double(number))
            case .unsigned(let number): return .number(Double(number))
            case .string(let text): return .text(text)
            case .boolean(let flag): return .flag(flag)
            }
        }
        return tags[name].map(Operand.text) ?? .text("")
    }

    private static func compare(_ op: BinaryOperator, _ actual: Operand, _ literal: Expression) throws -> Bool {
        switch (actual, literal) {
        case (.number(let value), .integer(let other)): return order(op, value, Double(other))
        case (.number(let value), .number(let other)): return order(op, value, other)
        case (.number(let value), .unsigned(let other)): return order(op, value, Double(other))
        case (.text(let value), .string(let other)): return order(op, value, other)
        case (.text(let value), .regex(let pattern)):
            let found = value.contains(try Regex(pattern))
            return op == .regexMatch ? found : op == .regexNotMatch ? !found : false
        case (.flag(let value), .boolean(let other)): return op == .equal ? value == other : op == .notEqual ? value != other : false
        default: return false
        }
    }

    private static func order<T: Comparable>(_ op: BinaryOperator, _ left: T, _ right: T) -> Bool {
        switch op {
        case .equal: left == right
        case .notEqual: left != right
        case .less: left < right
        case .lessOrEqual: left <= right
        case .greater: left > right
        case .greaterOrEqual: left >= right
        default: false
        }
    }

}
