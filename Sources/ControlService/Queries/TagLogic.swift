import InfluxQL

/// How Chronograf's builder reads a WHERE clause (`influx/query.go` `isTagLogic`, `hasTimeRange`): tag comparisons
/// (`"host" = 'a'`, `'a' != host`) joined by AND or OR, of one kind per branch, beside `time` compared with `now()`
/// or `now() - <duration>`.
enum TagLogic {
    struct Filter: Equatable {
        var op: BinaryOperator
        var tag: String
        var value: String
    }

    /// The tag comparisons, in order; nil when the clause is something the builder cannot show.
    static func filters(_ expression: InfluxQL.Expression) -> [Filter]? {
        if case .parenthesized(let inner) = expression { return filters(inner) }
        if timeRange(expression) != nil { return [] }
        if let filter = filter(expression) { return [filter] }
        guard case .binary(let op, let left, let right) = expression else { return nil }
        let (leftFilter, rightFilter) = (filter(left), filter(right))
        if let leftFilter, let rightFilter, leftFilter.tag == rightFilter.tag, leftFilter.op == rightFilter.op, op == .or {
            return [leftFilter, rightFilter]
        }
        guard op == .and || op == .or else { return nil }
        if timeRange(left) != nil || timeRange(right) != nil, let either = leftFilter ?? rightFilter { return [either] }
        guard let leftFilters = filters(left), let rightFilters = filters(right) else { return nil }
        let all = leftFilters + rightFilters
        return Set(all.map(\.op.rawValue)).count > 1 ? nil : all
    }

    /// The duration of the last time range met walking the clause in order (`time > now() - 1h` gives 1h, `time <
    /// now()` zero), as Chronograf reports a query's range; nil when there is none.
    static func lastTimeRange(in expression: InfluxQL.Expression) -> Int64? {
        if let duration = timeRange(expression) { return duration }
        switch expression {
        case .parenthesized(let inner): return lastTimeRange(in: inner)
        case .binary(_, let left, let right): return lastTimeRange(in: right) ?? lastTimeRange(in: left)
        case .call(_, let arguments): return arguments.reversed().lazy.compactMap(lastTimeRange).first
        default: return nil
        }
    }

    /// `time <op> now() [- d]` with an ordering operator, either way round: the duration (zero for `now()`).
    private static func timeRange(_ expression: InfluxQL.Expression) -> Int64? {
        if case .parenthesized(let inner) = expression { return timeRange(inner) }
        guard case .binary(let op, let left, let right) = expression, [.less, .lessOrEqual, .greater, .greaterOrEqual].contains(op),
            isTime(left) || isTime(right)
        else { return nil }
        return previousTime(left) ?? previousTime(right)
    }

    private static func previousTime(_ expression: InfluxQL.Expression) -> Int64? {
        switch expression {
        case .parenthesized(let inner): return previousTime(inner)
        case .binary(.subtract, let left, let right) where isNow(left) || isNow(right):
            return duration(left) ?? duration(right)
        default: return isNow(expression) ? 0 : nil
        }
    }

    private static func duration(_ expression: InfluxQL.Expression) -> Int64? {
        switch expression {
        case .parenthesized(let inner): duration(inner)
        case .duration(let nanoseconds): nanoseconds
        default: nil
        }
    }

    private static func isNow(_ expression: InfluxQL.Expression) -> Bool {
        switch expression {
        case .parenthesized(let inner): isNow(inner)
        case .call(let name, let arguments): name == "now" && arguments.isEmpty
        default: false
        }
    }

    private static func isTime(_ expression: InfluxQL.Expression) -> Bool {
        switch expression {
        case .parenthesized(let inner): isTime(inner)
        case .variable(let variable): variable.name.lowercased() == "time"
        default: false
        }
    }

    /// `tag = 'value'` or `tag != 'value'`, either way round.
    private static func filter(_ expression: InfluxQL.Expression) -> Filter? {
        switch expression {
        case .parenthesized(let inner): return filter(inner)
        case .binary(let op, let left, let right) where op == .equal || op == .notEqual:
            if let tag = variable(left), let value = string(right) { return Filter(op: op, tag: tag, value: value) }
            if let tag = variable(right), let value = string(left) { return Filter(op: op, tag: tag, value: value) }
            return nil
        default: return nil
        }
    }

    private static func variable(_ expression: InfluxQL.Expression) -> String? {
        switch expression {
        case .parenthesized(let inner): variable(inner)
        case .variable(let variable): variable.name
        default: nil
        }
    }

    private static func string(_ expression: InfluxQL.Expression) -> String? {
        switch expression {
        case .parenthesized(let inner): string(inner)
        case .string(let value): value
        default: nil
        }
    }
}
