import Synchronization

/// What one running query may still spend, checked where statements loop over data: KILL QUERY, `query-timeout`,
/// `max-select-point` and `max-select-series`. Bound to the query's task (`QueryBudget.current`) while it runs, so
/// the loops deep inside the executor reach it without passing it through every call.
final class QueryBudget: Sendable {
    @TaskLocal static var current: QueryBudget?

    private let registry: QueryRegistry
    let id: UInt64
    let limits: QueryLimits
    private let deadline: ContinuousClock.Instant?
    /// Points and series the current SELECT statement has read, and until when it may keep the thread it started on.
    private let spent = Mutex(Spent())

    private struct Spent {
        var points = 0
        var series = 0
        var inlineUntil: ContinuousClock.Instant?
    }

    /// Thrown by `check()` when a statement started inline has run past `limits.inlineTime`: the executor runs it again
    /// on worker threads (`QueryExecutor.executeOffTheEventLoopWhenLong`).
    struct RunsLong: Error {}

    init(registry: QueryRegistry, id: UInt64, limits: QueryLimits) {
        self.registry = registry
        self.id = id
        self.limits = limits
        deadline = limits.timeout > 0 ? .now + .nanoseconds(limits.timeout) : nil
    }

    /// Throws once the query was killed or ran out of time, or (`RunsLong`) when a statement started inline has run
    /// past its inline time.
    func check() throws {
        try registry.check(id)
        let now = ContinuousClock.now
        if let deadline, now > deadline { throw QueryError("query-timeout limit exceeded") }
        if let inlineUntil = spent.withLock({ $0.inlineUntil }), now > inlineUntil { throw RunsLong() }
    }

    /// A statement starts: its points and series count from zero; `inlineFor` is how long it may run inline.
    func startStatement(inlineFor inlineTime: Duration? = nil) {
        let inlineUntil = inlineTime.map { ContinuousClock.now + $0 }
        spent.withLock { $0 = Spent(inlineUntil: inlineUntil) }
    }

    /// The statement that started inline has finished: the checks before the next statement must not find its
    /// inline time passed (a multi-statement query failed its second statement with `RunsLong` on a busy machine).
    func finishInline() {
        spent.withLock { $0.inlineUntil = nil }
    }

    /// Counts points read, then checks the limits.
    func charge(points: Int) throws {
        try charge(points, to: \.points, limit: limits.maxSelectPoints, name: "max-select-point")
        try check()
    }

    func charge(series: Int) throws {
        try charge(series, to: \.series, limit: limits.maxSelectSeries, name: "max-select-series")
    }

    /// Adds `amount` to one count of the statement; over a non-zero `limit`, InfluxDB's "<name> limit exceeded".
    private func charge(_ amount: Int, to count: WritableKeyPath<Spent, Int>, limit: Int, name: String) throws {
        let total = spent.withLock { spent -> Int in
            spent[keyPath: count] += amount
            return spent[keyPath: count]
        }
        if limit > 0 && total > limit { throw QueryError("\(name) limit exceeded: (\(total)/\(limit))") }
    }
}
