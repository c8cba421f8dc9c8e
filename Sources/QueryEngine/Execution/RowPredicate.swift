import InfluxQL
import RE2Regex
import TimeSeries

/// Evaluates a WHERE clause (time already taken out) against one row: names resolve to the row's fields first, then
/// to the series' tags. Numbers compare numerically, strings and tags as strings, regexes with `=~` and `!~`.
enum RowPredicate {
    static func matches(_ expression: Expression, fields: RowFields, tags: [String: String], patterns: PatternCache) throws
        -> Bool
    {
        switch expression {
        case .parenthesized(let inner): return try matches(inner, fields: fields, tags: tags, patterns: patterns)
        case .binary(.and, let left, let right):
            return try matches(left, fields: fields, tags: tags, patterns: patterns)
                && matches(right, fields: fields, tags: tags, patterns: patterns)
        case .binary(.or, let left, let right):
            return try matches(left, fields: fields, tags: tags, patterns: patterns)
                || matches(right, fields: fields, tags: tags, patterns: patterns)
        case .boolean(let value): return value
        case .binary(let op, let left, let right) where comparisons.contains(op):
            return try compare(op, operand(left, fields, tags), operand(right, fields, tags), patterns)
        default:
            throw QueryError("unsupported condition in WHERE clause")
        }
    }

    private static let comparisons: Set<BinaryOperator> = [
        .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .regexMatch, .regexNotMatch,
    ]

    private enum Operand {
        case number(Double)
        case text(String)
        case flag(Bool)
        case pattern(String)
        /// Arithmetic on something that is not a number: compares false with everything, as InfluxDB's nil does.
        case missing
    }

    /// A side of a comparison: a name (field first, then tag; a missing one is the empty string), a literal, or
    /// arithmetic on numbers (`v * 2 > 5`).
    private static func operand(_ expression: Expression, _ fields: RowFields, _ tags: [String: String]) throws -> Operand {
        switch expression {
        case .parenthesized(let inner): return try operand(inner, fields, tags)
        case .variable(let variable): return value(of: variable, fields, tags)
        case .integer(let number): return .number(Double(number))
        case .unsigned(let number): return .number(Double(number))
        case .number(let number): return .number(number)
        case .string(let text): return .text(text)
        case .boolean(let flag): return .flag(flag)
        case .regex(let pattern): return .pattern(pattern)
        case .binary(let op, let left, let right):
            guard case .number(let first) = try operand(left, fields, tags), case .number(let second) = try operand(right, fields, tags)
            else { return .missing }
            switch op {
            case .add: return .number(first + second)
            case .subtract: return .number(first - second)
            case .multiply: return .number(first * second)
            case .divide: return .number(first / second)
            case .modulo: return .number(first.truncatingRemainder(dividingBy: second))
            default: throw QueryError("unsupported condition in WHERE clause")
            }
        default: throw QueryError("unsupported condition in WHERE clause")
        }
    }

    /// A name's value through its cast, as SELECT reads it (`SelectPlan+Casts`): `f::integer` truncates, a cast the
    /// stored type cannot take is missing, `::field` never reads a tag and `::tag` never a field.
    private static func value(of variable: VariableReference, _ fields: RowFields, _ tags: [String: String]) -> Operand {
        guard let field = fields[variable.name] else {
            let readsTag = variable.cast == nil || variable.cast == .tag
            return readsTag ? tags[variable.name].map(Operand.text) ?? .text("") : .missing
        }
        switch SelectPlan.reading(variable.cast, stored: field.type, isTag: false) {
        case .nothing: return .missing
        case .converted(let type): return operand(FieldExpression.convert(ResultValue(field), to: type))
        case .asStored: return operand(ResultValue(field))
        }
    }

    private static func operand(_ value: ResultValue) -> Operand {
        switch value {
        case .float(let number): .number(number)
        case .integer(let number): .number(Double(number))
        case .unsigned(let number): .number(Double(number))
        case .string(let text): .text(text)
        case .boolean(let flag): .flag(flag)
        default: .missing
        }
    }

    private static func compare(_ op: BinaryOperator, _ left: Operand, _ right: Operand, _ patterns: PatternCache) throws -> Bool {
        switch (left, right) {
        case (.number(let value), .number(let other)): return order(op, value, other)
        case (.text(let value), .text(let other)): return order(op, value, other)
        case (.text(let value), .pattern(let pattern)):
            let found = try patterns.regex(pattern).matches(value)
            return op == .regexMatch ? found : op == .regexNotMatch ? !found : false
        case (.flag(let value), .flag(let other)): return op == .equal ? value == other : op == .notEqual ? value != other : false
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
