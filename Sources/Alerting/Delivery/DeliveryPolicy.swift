/// How the outbox delivers (`[alert-delivery]`): how long one attempt may take, the back-off between attempts
/// (doubling from `retryInterval` up to `retryMaxInterval`), how long a delivery is retried before it becomes a dead
/// letter (zero: Kapacitor's send once), and the caps that keep a dead endpoint from taking memory or disk.
public struct DeliveryPolicy: Sendable, Equatable {
    public var attemptTimeout: Duration
    public var retryInterval: Duration
    public var retryMaxInterval: Duration
    public var retryFor: Duration
    /// Deliveries one handler may have waiting; past it, new events are dropped, counted with the dead letters.
    public var pendingLimit: Int
    /// Dead letters kept (the oldest go first).
    public var deadLetterLimit: Int

    public init(
        attemptTimeout: Duration = .seconds(30), retryInterval: Duration = .seconds(1), retryMaxInterval: Duration = .seconds(300),
        retryFor: Duration = .seconds(3600), pendingLimit: Int = 10_000, deadLetterLimit: Int = 1_000
    ) {
        self.attemptTimeout = attemptTimeout
        self.retryInterval = retryInterval
        self.retryMaxInterval = retryMaxInterval
        self.retryFor = retryFor
        self.pendingLimit = pendingLimit
        self.deadLetterLimit = deadLetterLimit
    }

    /// The wait after the `attempts`-th failed attempt: `retryInterval` doubled each time, at most `retryMaxInterval`.
    func backoff(afterAttempts attempts: Int) -> Duration {
        var wait = retryInterval
        for _ in 1..<max(attempts, 1) {
            guard wait < retryMaxInterval else { break }
            wait = wait * 2
        }
        return min(wait, retryMaxInterval)
    }
}
