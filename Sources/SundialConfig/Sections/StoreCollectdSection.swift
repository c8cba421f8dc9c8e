/// One `[[store.collectd]]` element: InfluxDB's `[[collectd]]` listener, collectd's network protocol over UDP.
///
/// Keys and defaults are InfluxDB 1.8's. With `security-level = "sign"` or `"encrypt"` the `auth-file` must be
/// readable at start-up.
public struct StoreCollectdSection: Sendable, ConfigSection {
    public var enabled = true
    public var bindAddress = ListenAddress(host: "", port: 25826)
    public var database = "collectd"
    public var retentionPolicy = ""
    public var batchSize = 5000
    public var batchPending = 10
    public var batchTimeout = ConfigDuration.seconds(10)
    public var readBuffer = 0
    /// A `types.db` file, or a directory of them.
    public var typesDB = "/usr/share/collectd/types.db"
    public var securityLevel = "none"
    public var authFile = "/etc/collectd/auth_file"
    /// `split`: a point per value (`<plugin>_<data source>`); `join`: a point per value list with a field per value.
    public var parseMultivaluePlugin = "split"

    public init() {}

    static var keys: [ConfigKey<StoreCollectdSection>] {
        [
            .value("enabled", \.enabled),
            .value("bind-address", \.bindAddress),
            .value("database", \.database),
            .value("retention-policy", \.retentionPolicy),
            .value("batch-size", \.batchSize),
            .value("batch-pending", \.batchPending),
            .value("batch-timeout", \.batchTimeout),
            .value("read-buffer", \.readBuffer),
            .value("typesdb", \.typesDB),
            .value("security-level", \.securityLevel),
            .value("auth-file", \.authFile),
            .value("parse-multivalue-plugin", \.parseMultivaluePlugin),
        ]
    }

    func validate() -> [ConfigProblem] {
        var problems: [ConfigProblem] = []
        if database.isEmpty { problems.append(ConfigProblem(key: "database", message: "must name a database")) }
        if !["none", "sign", "encrypt"].contains(securityLevel) {
            problems.append(ConfigProblem(key: "security-level", message: "must be none, sign or encrypt"))
        }
        if !["split", "join"].contains(parseMultivaluePlugin) {
            problems.append(ConfigProblem(key: "parse-multivalue-plugin", message: "must be split or join"))
        }
        for (key, value) in [("batch-size", batchSize), ("batch-pending", batchPending)] where value <= 0 {
            problems.append(ConfigProblem(key: key, message: "must be a positive number"))
        }
        if batchTimeout.nanoseconds <= 0 { problems.append(ConfigProblem(key: "batch-timeout", message: "must be a positive duration")) }
        if readBuffer < 0 { problems.append(ConfigProblem(key: "read-buffer", message: "must be 0 (the system's) or more bytes")) }
        return problems
    }
}
