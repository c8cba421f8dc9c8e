import QueryEngine
import SundialConfig

extension StoreSection {
    /// The query limits of `[store]`, for every query on the embedded store: `/query` and the tasks' batch queries.
    var queryLimits: QueryLimits {
        QueryLimits(
            timeout: queryTimeout.nanoseconds, maxConcurrentQueries: maxConcurrentQueries, maxSelectPoints: maxSelectPoint,
            maxSelectSeries: maxSelectSeries, maxSelectBuckets: maxSelectBuckets)
    }
}
