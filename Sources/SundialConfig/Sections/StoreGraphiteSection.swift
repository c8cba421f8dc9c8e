/// One `[[store.graphite]]` element: InfluxDB's `[[graphite]]` listener, Graphite's plaintext protocol over TCP or
/// UDP, mapped to points by templates.
///
/// Keys and defaults are InfluxDB 1.8's.
public struct StoreGraphiteSection: Sendable, ConfigSection {
    public var enabled = true
    public var bindAddress = ListenAddress(host: "", port: 2003)
    public var database = "graphite"
    public var retentionPolicy = ""
    /// `tcp` or `udp`.
    public var `protocol` = "tcp"
    public var batchSize = 5000
    public var batchPending = 10
    public var batchTimeout = ConfigDuration.seconds(1)
    public var consistencyLevel = "one"
    public var udpReadBuffer = 0
    /// Joins the parts a template gathers into one measurement, field or tag.
    public var separator = "."
    /// `key=value` tags added to every point that has not got them.
    public var tags: [String] = []
    /// `[filter] template [tag=value,...]`.
    public var templates: [String] = []

    public init() {}

    static var keys: [ConfigKey<StoreGraphiteSection>] {
        [
            .value("enabled", \.enabled),
            .value("bind-address", \.bindAddress),
            .value("database", \.database),
            .value("retention-policy", \.retentionPolicy),
            .value("protocol", \.protocol),
            .value("batch-size", \.batchSize),
            .value("batch-pending", \.batchPending),
            .value("batch-timeout", \.batchTimeout),
            .value("consistency-level", \.consistencyLevel, support: .ignored("a single node writes every point once")),
            .value("udp-read-buffer", \.udpReadBuffer),
            .value("separator", \.separator),
            .list("tags", \.tags),
            .list("templates", \.templates),
        ]
    }

    func validate() -> [ConfigProblem] {
        var problems: [ConfigProblem] = []
        if database.isEmpty { problems.append(ConfigProblem(key: "database", message: "must name a database")) }
        if !["tcp", "udp"].contains(self.protocol.lowercased()) {
            problems.append(ConfigProblem(key: "protocol", message: "must be tcp or udp"))
        }
        for tag in tags where tag.split(separator: "=", omittingEmptySubsequences: false).count != 2 {
            problems.append(ConfigProblem(key: "tags", message: "\"\(tag)\" is not key=value"))
        }
        for (key, value) in [("batch-size", batchSize), ("batch-pending", batchPending)] where value <= 0 {
            problems.append(ConfigProblem(key: key, message: "must be a positive number"))
        }
        if batchTimeout.nanoseconds <= 0 { problems.append(ConfigProblem(key: "batch-timeout", message: "must be a positive duration")) }
        if udpReadBuffer < 0 { problems.append(ConfigProblem(key: "udp-read-buffer", message: "must be 0 (the system's) or more bytes")) }
        return problems
    }
}
