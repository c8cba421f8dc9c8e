import InfluxQL
import RE2Regex
import TimeSeries

import struct Foundation.TimeZone

/// A WHERE clause taken apart into its time range and the rest (a tag predicate), as metadata statements and
/// DELETE use it.
struct SeriesCondition {
    var timeRange: ClosedRange<Int64> = Int64.min...Int64.max
    var hasTime = false
    /// What is left once the time comparisons are taken out; nil when nothing is.
    var predicate: Expression?
    /// The predicate's regexes, compiled on first use.
    let patterns = PatternCache()

    /// Takes the time comparisons out of `expression` into one range and keeps the rest as the predicate.
    /// Time literals without a zone are read in `zone` (a SELECT's `tz()`), else in UTC.
    init(_ expression: Expression?, now: Int64, zone: TimeZone? = nil) throws {
        guard let expression else { return }
        predicate = try split(expression, now: now, zone: zone)
    }

    /// InfluxQL's condition splitting: a time comparison under any AND or OR narrows the one range (intersected even
    /// under OR, as InfluxDB does), the rest keeps its shape with emptied sides dropped, a comparison of literals is
    /// folded (`1 = 1`), and a bare name or literal is no condition (`invalid condition expression: v`).
    private mutating func split(_ expression: Expression, now: Int64, zone: TimeZone?) throws -> Expression? {
        switch expression {
        case .parenthesized(let inner):
            return try split(inner, now: now, zone: zone).map { .parenthesized($0) }
        case .binary(let op, let left, let right) where op == .and || op == .or:
            let kept = (try split(left, now: now, zone: zone), try split(right, now: now, zone: zone))
            guard let first = kept.0 else { return kept.1 }
            guard let second = kept.1 else { return first }
            return .binary(op, first, second)
        case .binary(let op, let left, let right) where op.isComparison && (Self.isTime(left) || Self.isTime(right)):
            let (value, flipped) = Self.isTime(left) ? (right, false) : (left, true)
            try narrow(op: flipped ? op.mirrored : op, to: try TimeValue.nanoseconds(of: value, now: now, zone: zone))
            return nil
        case .binary:
            if Self.mentionsTime(expression) {
                throw QueryError("invalid time condition: time can only be compared with AND at the top level")
            }
            return try Self.folded(expression)
        case .boolean:
            return expression
        default:
            throw QueryError("invalid condition expression: \(StatementPrinter.print(expression))")
        }
    }

    /// A comparison of literals as the boolean it is; anything naming a field or tag as it is.
    private static func folded(_ expression: Expression) throws -> Expression {
        guard TagPredicate.names(in: expression).isEmpty else { return expression }
        return .boolean(try RowPredicate.matches(expression, fields: RowFields([]), tags: [:], patterns: PatternCache()))
    }

    private mutating func narrow(op: BinaryOperator, to value: Int64) throws {
        hasTime = true
        var lower = timeRange.lowerBound
        var upper = timeRange.upperBound
        switch op {
        case .greater: lower = max(lower, value == Int64.max ? value : value + 1)
        case .greaterOrEqual: lower = max(lower, value)
        case .less: upper = min(upper, value == Int64.min ? value : value - 1)
        case .lessOrEqual: upper = min(upper, value)
        case .equal:
            lower = max(lower, value)
            upper = min(upper, value)
        default: throw QueryError("invalid time comparison operator: \(op.rawValue)")
        }
        // An empty range stays representable: lower > upper matches nothing.
        timeRange = lower <= upper ? lower...upper : upper...upper
        if lower > upper { timeRange = Int64.max...Int64.max }
    }

    private static func isTime(_ expression: Expression) -> Bool {
        if case .variable(let variable) = expression { return variable.name.lowercased() == "time" }
        return false
    }

    private static func mentionsTime(_ expression: Expression) -> Bool {
        switch expression {
        case .variable: isTime(expression)
        case .binary(_, let left, let right): mentionsTime(left) || mentionsTime(right)
        case .parenthesized(let inner): mentionsTime(inner)
        default: false
        }
    }

}

/// Evaluates the right-hand side of a time comparison: an RFC 3339 string, an integer of nanoseconds, `now()`, and
/// sums and differences with durations.
enum TimeValue {
    static func nanoseconds(of expression: Expression, now: Int64, zone: TimeZone? = nil) throws -> Int64 {
        switch expression {
        case .parenthesized(let inner): return try nanoseconds(of: inner, now: now, zone: zone)
        case .string(let text):
            guard let parsed = RFC3339.parse(text) else { throw QueryError("invalid time literal: '\(text)'") }
            let value = try literalInRange(parsed)
            guard let zone, !hasZone(text) else { return value }
            // A wall-clock time in the zone: its offset is the one in force at that local time.
            let guess = value.subtractingSaturated(TimeBuckets.offset(of: zone, at: value))
            return try literalInRange(value.subtractingChecked(TimeBuckets.offset(of: zone, at: guess)), parsed)
        case .integer(let value), .duration(let value): return value
        case .number(let value): return Int64(goTruncating: value)
        case .call("now", let arguments) where arguments.isEmpty: return now
        case .binary(.add, let left, let right):
            return try nanoseconds(of: left, now: now, zone: zone) &+ nanoseconds(of: right, now: now, zone: zone)
        case .binary(.subtract, let left, let right):
            return try nanoseconds(of: left, now: now, zone: zone) &- nanoseconds(of: right, now: now, zone: zone)
        default: throw QueryError("invalid time condition")
        }
    }

    /// The literal's nanoseconds, if InfluxDB takes it: from one past its earliest storable time (the earliest is
    /// a sentinel) to its latest, else its "overflows" or "underflows time literal" error.
    private static func literalInRange(_ parsed: RFC3339.ParsedTime) throws -> Int64 {
        try literalInRange(parsed.nanoseconds, parsed)
    }

    private static func literalInRange(_ nanoseconds: Int64?, _ parsed: RFC3339.ParsedTime) throws -> Int64 {
        if let nanoseconds, nanoseconds > TimeBounds.minimum, nanoseconds <= TimeBounds.maximum { return nanoseconds }
        let isLate = nanoseconds.map { $0 > TimeBounds.maximum } ?? (parsed.seconds > 0)
        throw QueryError("time \(RFC3339.format(seconds: parsed.seconds)) \(isLate ? "overflows" : "underflows") time literal")
    }

    /// Whether an RFC 3339 literal names its zone (`Z` or `±hh:mm`).
    private static func hasZone(_ text: String) -> Bool {
        let characters = Array(text)
        guard characters.count > 19 else { return false }
        return characters.last == "Z"
            || ((characters[characters.count - 6] == "+" || characters[characters.count - 6] == "-")
                && characters[characters.count - 3] == ":")
    }
}

/// Evaluates a tag predicate (`host = 'a' AND region =~ /us-.*/`) against one series' tags. A missing tag compares as
/// the empty string, as in InfluxDB.
enum TagPredicate {
    static func matches(_ expression: Expression, tags: [String: String], patterns: PatternCache) throws -> Bool {
        switch expression {
        case .parenthesized(let inner): return try matches(inner, tags: tags, patterns: patterns)
        case .binary(.and, let left, let right):
            return try matches(left, tags: tags, patterns: patterns) && matches(right, tags: tags, patterns: patterns)
        case .binary(.or, let left, let right):
            return try matches(left, tags: tags, patterns: patterns) || matches(right, tags: tags, patterns: patterns)
        case .boolean(let value): return value
        case .binary(let op, .variable(let variable), .variable(let other)) where op == .equal || op == .notEqual:
            // Two names (`host = a`): their values compare, a missing one as the empty string.
            let (value, otherValue) = (tags[variable.name] ?? "", tags[other.name] ?? "")
            return op == .equal ? value == otherValue : value != otherValue
        case .binary(let op, .variable(let variable), let value), .binary(let op, let value, .variable(let variable)):
            // A cast other than ::tag reads no tag (`host::field`, `host::string`): nothing compares true with it.
            guard variable.cast == nil || variable.cast == .tag else { return false }
            let actual = tags[variable.name] ?? ""
            switch (op, value) {
            case (.equal, .string(let text)): return actual == text
            case (.notEqual, .string(let text)): return actual != text
            case (.regexMatch, .regex(let pattern)): return try patterns.regex(pattern).matches(actual)
            case (.regexNotMatch, .regex(let pattern)): return try !patterns.regex(pattern).matches(actual)
            default: throw QueryError("unsupported condition on tag \(variable.name)")
            }
        default:
            throw QueryError("unsupported condition in WHERE clause")
        }
    }

    /// Names the condition refers to.
    /// The `tag = 'value'` comparisons (non-empty value) every matching series must satisfy: those joined by AND at
    /// the top level. A series index answers them without looking at other series.
    static func requiredEqualities(_ expression: Expression) -> [(key: String, value: String)] {
        switch expression {
        case .parenthesized(let inner): return requiredEqualities(inner)
        case .binary(.and, let left, let right): return requiredEqualities(left) + requiredEqualities(right)
        case .binary(.equal, .variable(let variable), .string(let value)) where !value.isEmpty && variable.cast ?? .tag == .tag:
            return [(variable.name, value)]
        case .binary(.equal, .string(let value), .variable(let variable)) where !value.isEmpty && variable.cast ?? .tag == .tag:
            return [(variable.name, value)]
        default: return []
        }
    }

    static func names(in expression: Expression) -> Set<String> {
        switch expression {
        case .variable(let variable): [variable.name]
        case .binary(_, let left, let right): names(in: left).union(names(in: right))
        case .parenthesized(let inner): names(in: inner)
        default: []
        }
    }
}
