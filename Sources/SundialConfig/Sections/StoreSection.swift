/// `[store]`: Sundial's embedded InfluxDB-compatible store (the `:8086` service).
public struct StoreSection: Sendable, ConfigSection {
    public var enabled = true
    public var bindAddress = ListenAddress(host: "", port: 8086)
    /// `idle-timeout` and `max-connection-limit` of this listener.
    public var listener = ListenerSettings()
    public var authEnabled = false
    /// InfluxDB's `https-enabled`, `https-certificate` and `https-private-key` (empty: in the certificate's file).
    public var httpsEnabled = false
    public var httpsCertificate = "/etc/ssl/influxdb.pem"
    public var httpsPrivateKey = ""
    /// How long the write-ahead log may wait to share one fsync among concurrent writers; 0 syncs at once.
    public var walFsyncDelay = ConfigDuration(nanoseconds: 0)
    /// Cache bytes past which writes are refused with a 500 until a flush frees memory; 0 is no limit (InfluxDB's).
    public var cacheMaxMemorySize = 1_073_741_824
    /// Cache bytes that start a flush to compressed files (InfluxDB's `cache-snapshot-memory-size`).
    public var cacheSnapshotMemorySize = 26_214_400
    public var maxSeriesPerDatabase = 1_000_000
    public var maxValuesPerTag = 100_000
    /// InfluxDB's `[coordinator]` query limits; 0 is no limit for each, as in InfluxDB.
    public var queryTimeout = ConfigDuration(nanoseconds: 0)
    public var maxConcurrentQueries = 0
    public var maxSelectPoint = 0
    public var maxSelectSeries = 0
    public var maxSelectBuckets = 0
    /// Origins whose web pages may read and write the store from a browser (CORS); `["*"]` is InfluxDB 1.x's
    /// behaviour (any page). Empty by default: a page a user happens to open cannot reach the store.
    public var corsAllowedOrigins: [String] = []
    /// InfluxDB's `shared-secret`: the key of `Authorization: Bearer <JWT>` tokens naming a user.
    public var sharedSecret = ""
    /// InfluxDB's `[continuous_queries]`: whether continuous queries run, whether each run is logged, and how often
    /// the store checks which are due.
    public var continuousQueriesEnabled = true
    public var continuousQueriesLogEnabled = true
    public var continuousQueriesRunInterval = ConfigDuration.seconds(1)

    public init() {}

    static var keys: [ConfigKey<StoreSection>] {
        [
            .value("enabled", \.enabled),
            .value("bind-address", \.bindAddress),
            .value("auth-enabled", \.authEnabled),
            .value("https-enabled", \.httpsEnabled),
            .value("https-certificate", \.httpsCertificate),
            .value("https-private-key", \.httpsPrivateKey),
            .value("wal-fsync-delay", \.walFsyncDelay),
            .value("cache-max-memory-size", \.cacheMaxMemorySize),
            .value("cache-snapshot-memory-size", \.cacheSnapshotMemorySize),
            .value("max-series-per-database", \.maxSeriesPerDatabase),
            .value("max-values-per-tag", \.maxValuesPerTag),
            .value("query-timeout", \.queryTimeout),
            .value("max-concurrent-queries", \.maxConcurrentQueries),
            .value("max-select-point", \.maxSelectPoint),
            .value("max-select-series", \.maxSelectSeries),
            .value("max-select-buckets", \.maxSelectBuckets),
            .list("cors-allowed-origins", \.corsAllowedOrigins),
            .value("shared-secret", \.sharedSecret, isSecret: true),
            .value("continuous-queries-enabled", \.continuousQueriesEnabled),
            .value("continuous-queries-log-enabled", \.continuousQueriesLogEnabled),
            .value("continuous-queries-run-interval", \.continuousQueriesRunInterval),
        ] + ListenerSettings.keys(\.listener)
    }

    func validate() -> [ConfigProblem] {
        var problems = listener.validate()
        if cacheSnapshotMemorySize <= 0 {
            problems.append(ConfigProblem(key: "cache-snapshot-memory-size", message: "must be a positive number of bytes"))
        }
        if cacheMaxMemorySize < 0 {
            problems.append(ConfigProblem(key: "cache-max-memory-size", message: "must be 0 (no limit) or more bytes"))
        }
        if maxSeriesPerDatabase < 0 {
            problems.append(ConfigProblem(key: "max-series-per-database", message: "must be 0 (no limit) or more"))
        }
        if maxValuesPerTag < 0 {
            problems.append(ConfigProblem(key: "max-values-per-tag", message: "must be 0 (no limit) or more"))
        }
        for (key, value) in [
            ("max-concurrent-queries", maxConcurrentQueries), ("max-select-point", maxSelectPoint),
            ("max-select-series", maxSelectSeries), ("max-select-buckets", maxSelectBuckets),
        ] where value < 0 {
            problems.append(ConfigProblem(key: key, message: "must be 0 (no limit) or more"))
        }
        if continuousQueriesRunInterval.nanoseconds <= 0 {
            problems.append(ConfigProblem(key: "continuous-queries-run-interval", message: "must be a positive duration"))
        }
        if queryTimeout.nanoseconds < 0 { problems.append(ConfigProblem(key: "query-timeout", message: "must be 0 (no limit) or more")) }
        return problems
    }
}
