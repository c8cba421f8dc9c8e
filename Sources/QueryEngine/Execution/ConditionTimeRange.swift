public import InfluxQL

/// The time range a WHERE clause selects, read as InfluxDB reads it (exclusive bounds moved by a nanosecond,
/// `now()` and duration arithmetic evaluated); for tools that size a query by its range, such as Chronograf's
/// `:interval:`.
public enum ConditionTimeRange {
    /// The lower and upper bounds the condition sets (nil where it sets none); throws where InfluxDB would refuse
    /// the condition.
    public static func bounds(of condition: Expression, now: Int64) throws -> (lower: Int64?, upper: Int64?) {
        let split = try SeriesCondition(condition, now: now)
        guard split.hasTime else { return (nil, nil) }
        let range = split.timeRange
        return (range.lowerBound == Int64.min ? nil : range.lowerBound, range.upperBound == Int64.max ? nil : range.upperBound)
    }
}
