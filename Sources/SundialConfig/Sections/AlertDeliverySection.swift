/// `[alert-delivery]` (Sundial's): how the alert outbox delivers events through the handlers that send to a service.
/// Each attempt has `timeout`; a failed one is retried after `retry-interval`, doubling up to `retry-max-interval`,
/// for `retry-for` from the first attempt (0: one attempt, as Kapacitor sends); then the event is a dead letter.
public struct AlertDeliverySection: Sendable, ConfigSection {
    public var timeout = ConfigDuration.seconds(30)
    public var retryInterval = ConfigDuration.seconds(1)
    public var retryMaxInterval = ConfigDuration.seconds(300)
    public var retryFor = ConfigDuration.seconds(3600)
    /// Events one handler may have waiting; past it, new ones are dropped and counted with the dead letters.
    public var pendingLimit = 10_000
    public var deadLetterLimit = 1_000

    public init() {}

    static var keys: [ConfigKey<AlertDeliverySection>] {
        [
            .value("timeout", \.timeout), .value("retry-interval", \.retryInterval), .value("retry-max-interval", \.retryMaxInterval),
            .value("retry-for", \.retryFor), .value("pending-limit", \.pendingLimit), .value("dead-letter-limit", \.deadLetterLimit),
        ]
    }

    func validate() -> [ConfigProblem] {
        var problems: [ConfigProblem] = []
        for (key, value) in [("timeout", timeout), ("retry-interval", retryInterval), ("retry-max-interval", retryMaxInterval)]
        where value.nanoseconds <= 0 {
            problems.append(ConfigProblem(key: key, message: "must be more than 0"))
        }
        if retryFor.nanoseconds < 0 { problems.append(ConfigProblem(key: "retry-for", message: "must not be negative")) }
        if pendingLimit < 1 { problems.append(ConfigProblem(key: "pending-limit", message: "must be at least 1")) }
        if deadLetterLimit < 0 { problems.append(ConfigProblem(key: "dead-letter-limit", message: "must not be negative")) }
        return problems
    }
}
