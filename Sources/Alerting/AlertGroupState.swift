import TimeSeries

/// The state of one alert (one group of an alert node): a ring of recent levels, when it was first and last
/// triggered, and whether it is flapping. It decides whether a newly computed level fires an event
/// (SPEC-kapacitor.md §3.1); computing the level from the node's lambdas is the runtime's.
public struct AlertGroupState: Sendable {
    /// How an alert node filters events.
    public struct Policy: Sendable {
        public var stateChangesOnly = false
        /// With `stateChangesOnly`, an unchanged non-OK level fires again once this long has passed (0: never).
        public var stateChangesInterval: Int64 = 0
        /// `.flapping(low, high)`: suppress events while the weighted fraction of changes is above `high`, until
        /// it falls below `low`.
        public var flapping: (low: Double, high: Double)?
        public var noRecoveries = false

        public init() {}
    }

    private var history: [AlertLevel]
    private var index = 0
    private var firstTriggered: Int64 = 0
    private var lastTriggered: Int64 = 0
    private var isFlapping = false

    /// The level recorded last (OK for a new alert, or the stored level it was seeded with).
    public var currentLevel: AlertLevel { history[index] }

    /// `historySize` is `.history(n)` (Kapacitor's default 21, at least 2); `seed` the stored level of this event
    /// id from an earlier run, so a restart neither re-fires an unchanged level nor loses a recovery.
    public init(historySize: Int = 21, seed: EventState? = nil) {
        history = Array(repeating: seed?.level ?? .ok, count: max(2, historySize))
        if let seed, seed.level != .ok {
            firstTriggered = seed.time.subtractingSaturated(seed.duration)
            lastTriggered = seed.time
        }
    }

    /// What happened when a level was recorded.
    public struct Outcome: Sendable, Equatable {
        /// Whether handlers get an event.
        public var fires: Bool
        public var previousLevel: AlertLevel
        /// Nanoseconds since the alert left OK (at the time recorded).
        public var duration: Int64
    }

    /// Records `level` computed for data at `time` and says whether it fires.
    public mutating func record(_ level: AlertLevel, at time: Int64, policy: Policy) -> Outcome {
        let previous = history[index]
        let changed = previous != level
        index = (index + 1) % history.count
        history[index] = level
        var outcome = Outcome(fires: false, previousLevel: previous, duration: lastTriggered.subtractingSaturated(firstTriggered))
        if let flapping = policy.flapping {
            updateFlapping(low: flapping.low, high: flapping.high)
            if isFlapping { return outcome }
        }
        let expired = policy.stateChangesInterval > 0 && time.subtractingSaturated(lastTriggered) >= policy.stateChangesInterval
        if policy.stateChangesOnly && !changed && !expired { return outcome }
        guard level != .ok || changed else { return outcome }
        if previous == .ok { firstTriggered = time }
        lastTriggered = time
        outcome.duration = lastTriggered.subtractingSaturated(firstTriggered)
        outcome.fires = !(level == .ok && policy.noRecoveries)
        return outcome
    }

    /// Kapacitor's weighted change fraction: the oldest change weighs about 0.8, the newest about 1.2.
    private mutating func updateFlapping(low: Double, high: Double) {
        let count = history.count
        var weightedChanges = 0.0
        let step = 0.4 / Double(count - 1)
        for offset in 1..<count {
            let older = history[(index + offset) % count]
            let newer = history[(index + offset + 1) % count]
            if older != newer { weightedChanges += 0.8 + step * Double(offset - 1) }
        }
        let fraction = weightedChanges / Double(count - 1)
        if isFlapping && fraction < low {
            isFlapping = false
        } else if !isFlapping && fraction > high {
            isFlapping = true
        }
    }
}
