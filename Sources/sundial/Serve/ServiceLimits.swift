import QueryEngine
import ServerLogging
import SundialConfig

extension StoreSection {
    /// The query limits of `[store]`, for every query on the embedded store: `/query` and the tasks' batch queries.
    var queryLimits: QueryLimits {
        QueryLimits(
            timeout: queryTimeout.nanoseconds, maxConcurrentQueries: maxConcurrentQueries, maxSelectPoints: maxSelectPoint,
            maxSelectSeries: maxSelectSeries, maxSelectBuckets: maxSelectBuckets)
    }
}

extension ListenerSettings {
    /// `idle-timeout` and `max-connection-limit` as the services' HTTP servers take them.
    var limits: ListenerLimits {
        ListenerLimits(idleTimeoutNanoseconds: idleTimeout.nanoseconds, maxConnections: maxConnectionLimit)
    }
}
