/// What every listener (`[store]`, `[http]`, `[control]`) takes to stay available: how long a connection may sit
/// idle, or half-way through sending a request, before it is closed, and how many connections it serves at once
/// (more wait to be accepted). Without them, hundreds of half-sent requests would hold their connections for good.
public struct ListenerSettings: Sendable, Equatable {
    /// `idle-timeout`: 0 keeps idle connections open for ever (InfluxDB's, Kapacitor's and Chronograf's behaviour).
    public var idleTimeout = ConfigDuration.seconds(120)
    /// `max-connection-limit` (InfluxDB's name): 0 is no limit.
    public var maxConnectionLimit = 1000
    /// `request-read-timeout`: how long a request may take from its head to its end (a body trickled in just under the
    /// idle timeout would otherwise hold its connection for good); 0 is no limit.
    public var requestReadTimeout = ConfigDuration.seconds(300)

    public init() {}

    static let longestIdleTimeout: Int64 = 168 * 3_600_000_000_000

    static func keys<Section>(_ settings: WritableKeyPath<Section, ListenerSettings>) -> [ConfigKey<Section>] {
        [
            .value("idle-timeout", settings.appending(path: \.idleTimeout)),
            .value("max-connection-limit", settings.appending(path: \.maxConnectionLimit)),
            .value("request-read-timeout", settings.appending(path: \.requestReadTimeout)),
        ]
    }

    func validate() -> [ConfigProblem] {
        var problems: [ConfigProblem] = []
        // A week is far past any client's patience; longer values are typing mistakes (and would reach timer overflow).
        if !(0...Self.longestIdleTimeout).contains(idleTimeout.nanoseconds) {
            problems.append(ConfigProblem(key: "idle-timeout", message: "must be 0 (none) or at most 168h (a week)"))
        }
        if !(0...Self.longestIdleTimeout).contains(requestReadTimeout.nanoseconds) {
            problems.append(ConfigProblem(key: "request-read-timeout", message: "must be 0 (none) or at most 168h (a week)"))
        }
        if maxConnectionLimit < 0 {
            problems.append(ConfigProblem(key: "max-connection-limit", message: "must be 0 (no limit) or more"))
        }
        return problems
    }
}
