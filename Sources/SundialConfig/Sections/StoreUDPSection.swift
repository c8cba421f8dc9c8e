/// One `[[store.udp]]` element: InfluxDB's `[[udp]]` listener, line protocol in UDP datagrams written to `database`.
///
/// Keys and defaults are InfluxDB 1.8's. Kapacitor's own top-level `[[udp]]` (points into the tasks' streams) is
/// another thing, reported as not supported.
public struct StoreUDPSection: Sendable, ConfigSection {
    public var enabled = true
    public var bindAddress = ListenAddress(host: "", port: 8089)
    public var database = "udp"
    public var retentionPolicy = ""
    /// `n`, `u`, `ms`, `s`, `m`, `h`, or empty for nanoseconds.
    public var precision = ""
    /// Points per write to the store; a batch is written sooner when `batch-timeout` passes.
    public var batchSize = 5000
    /// Batches waiting to be written; datagrams past them are dropped (and counted).
    public var batchPending = 10
    public var batchTimeout = ConfigDuration.seconds(1)
    /// The socket's receive buffer in bytes (`SO_RCVBUF`); 0 keeps the system's.
    public var readBuffer = 0

    public init() {}

    static var keys: [ConfigKey<StoreUDPSection>] {
        [
            .value("enabled", \.enabled),
            .value("bind-address", \.bindAddress),
            .value("database", \.database),
            .value("retention-policy", \.retentionPolicy),
            .value("precision", \.precision),
            .value("batch-size", \.batchSize),
            .value("batch-pending", \.batchPending),
            .value("batch-timeout", \.batchTimeout),
            .value("read-buffer", \.readBuffer),
        ]
    }

    func validate() -> [ConfigProblem] {
        var problems: [ConfigProblem] = []
        if database.isEmpty { problems.append(ConfigProblem(key: "database", message: "must name a database")) }
        if !["", "n", "ns", "u", "ms", "s", "m", "h"].contains(precision) {
            problems.append(ConfigProblem(key: "precision", message: "must be one of n, u, ms, s, m, h"))
        }
        for (key, value) in [("batch-size", batchSize), ("batch-pending", batchPending)] where value <= 0 {
            problems.append(ConfigProblem(key: key, message: "must be a positive number"))
        }
        if batchTimeout.nanoseconds <= 0 { problems.append(ConfigProblem(key: "batch-timeout", message: "must be a positive duration")) }
        if readBuffer < 0 { problems.append(ConfigProblem(key: "read-buffer", message: "must be 0 (the system's) or more bytes")) }
        return problems
    }
}
