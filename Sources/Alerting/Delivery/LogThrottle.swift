import Synchronization

/// Lets a repeated report through at most once per interval per key, counting the ones held back.
public final class LogThrottle: Sendable {
    private let interval: Duration
    private let state = Mutex<[String: (last: ContinuousClock.Instant, suppressed: Int)]>([:])

    public init(interval: Duration = .seconds(10)) {
        self.interval = interval
    }

    /// nil: hold this one back; otherwise how many were held back since the last one let through.
    public func admit(_ key: String) -> Int? {
        let now = ContinuousClock.now
        return state.withLock { entries in
            if let entry = entries[key], now - entry.last < interval {
                entries[key] = (entry.last, entry.suppressed + 1)
                return nil
            }
            let suppressed = entries[key]?.suppressed ?? 0
            entries[key] = (now, 0)
            return suppressed
        }
    }
}
