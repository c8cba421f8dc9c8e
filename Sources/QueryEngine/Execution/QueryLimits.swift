/// InfluxDB's `[coordinator]` query limits (Sundial's `[store]` keys of the same names): 0 is no limit, as in
/// InfluxDB, for each of them.
public struct QueryLimits: Sendable, Equatable {
    /// `query-timeout`, in nanoseconds: a query running longer stops with "query-timeout limit exceeded".
    public var timeout: Int64
    /// `max-concurrent-queries`: a query over it is refused.
    public var maxConcurrentQueries: Int
    /// `max-select-point`: points one SELECT statement may read.
    public var maxSelectPoints: Int
    /// `max-select-series`: series one SELECT statement may read.
    public var maxSelectSeries: Int
    /// `max-select-buckets`: `GROUP BY time` buckets one SELECT may make.
    public var maxSelectBuckets: Int
    /// How long a plain SELECT may run where it was called (an event loop) before it moves to worker threads
    /// (`QueryExecutor.executeOffTheEventLoopWhenLong`); not a setting, tests shorten it.
    public var inlineTime = Duration.milliseconds(2)

    public init(
        timeout: Int64 = 0, maxConcurrentQueries: Int = 0, maxSelectPoints: Int = 0, maxSelectSeries: Int = 0, maxSelectBuckets: Int = 0
    ) {
        self.timeout = timeout
        self.maxConcurrentQueries = maxConcurrentQueries
        self.maxSelectPoints = maxSelectPoints
        self.maxSelectSeries = maxSelectSeries
        self.maxSelectBuckets = maxSelectBuckets
    }

    /// Buckets Sundial fills in memory for one answer even when `max-select-buckets` is 0: ten million rows is
    /// about a gigabyte, and a `GROUP BY time(1h)` over data at both ends of time would be billions. InfluxDB would
    /// try and run out of memory; Sundial answers an error instead (docs/RELIABILITY.md).
    public static let bucketsInMemory = 10_000_000
}
