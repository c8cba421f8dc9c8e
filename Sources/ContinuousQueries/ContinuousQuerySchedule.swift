public import Foundation
import TimeSeries

/// When a continuous query runs and which time range each run recomputes, decided as InfluxDB 1.8's continuous
/// querier decides (`services/continuous_querier`): times are nanoseconds, intervals are truncated on the Unix
/// epoch in the query's `tz()` zone (UTC without one).
///
/// - A query that never ran (since the process started) runs at once; after that, once `RESAMPLE EVERY` (default:
///   the GROUP BY interval) has passed since its last run, shifted by a daylight-saving change in between.
/// - Each run recomputes from the interval `RESAMPLE FOR` (default: the interval, or EVERY when longer) before the
///   scheduled run up to the end of the last complete interval, so a late point inside FOR is aggregated again.
public struct ContinuousQuerySchedule: Sendable, Equatable {
    /// GROUP BY time() interval and offset.
    public var interval: Int64
    public var offset: Int64
    /// RESAMPLE EVERY and FOR; 0 when not given.
    public var resampleEvery: Int64
    public var resampleFor: Int64
    public var zone: TimeZone?

    public init(interval: Int64, offset: Int64 = 0, resampleEvery: Int64 = 0, resampleFor: Int64 = 0, zone: TimeZone? = nil) {
        self.interval = interval
        self.offset = offset
        self.resampleEvery = resampleEvery
        self.resampleFor = resampleFor
        self.zone = zone
    }

    /// A due run: the time to remember as its last run, and the range it recomputes (nil when it holds no whole
    /// interval yet; the run still counts as made).
    public struct Run: Sendable, Equatable {
        public var lastRun: Int64
        public var range: Range<Int64>?
    }

    /// The run due at `now`, or nil when the query is not due (or its times leave the range of nanoseconds).
    public func run(at now: Int64, lastRun: Int64?) -> Run? {
        guard interval > 0 else { return nil }
        var every = resampleEvery != 0 ? resampleEvery : interval
        guard let nextRun = nextRun(after: lastRun, every: every, now: now), nextRun <= now else { return nil }
        guard let shifted = now.subtractingChecked(offset), let ran = truncate(shifted, every)?.addingChecked(offset) else { return nil }
        let span = resampleFor != 0 ? resampleFor : max(interval, every)
        every = min(every, interval)
        guard let startBase = nextRun.addingChecked(interval)?.subtractingChecked(span)?.subtractingChecked(offset)?.subtractingChecked(1),
            let start = truncate(startBase, interval)?.addingChecked(offset),
            let endBase = now.addingChecked(interval)?.subtractingChecked(every)?.subtractingChecked(offset),
            let end = truncate(endBase, interval)?.addingChecked(offset)
        else { return Run(lastRun: ran, range: nil) }
        return Run(lastRun: ran, range: end > start ? start..<end : nil)
    }

    private func nextRun(after lastRun: Int64?, every: Int64, now: Int64) -> Int64? {
        guard let lastRun else { return now }
        guard var next = lastRun.addingChecked(every) else { return nil }
        // Across a daylight-saving change the next run moves by the change, as long as that is less than EVERY.
        let difference = zoneOffset(at: lastRun &- 1) - zoneOffset(at: next &- 1)
        if difference != 0, difference.magnitude < every.magnitude { next = next.addingSaturated(difference) }
        return next
    }

    /// `time` down to a multiple of `size` counted from the epoch in the zone's local time, as InfluxDB's
    /// `truncate` does (kept in the zone's offset when the truncation crosses a daylight-saving change).
    func truncate(_ time: Int64, _ size: Int64) -> Int64? {
        guard size > 0 else { return nil }
        let offset = zoneOffset(at: time)
        guard let local = time.addingChecked(offset) else { return nil }
        var remainder = local % size
        if remainder < 0 { remainder += size }
        guard var truncated = time.subtractingChecked(remainder) else { return nil }
        let adjusted = zoneOffset(at: truncated)
        if adjusted != offset, (offset - adjusted).magnitude < size.magnitude { truncated = truncated.addingSaturated(offset - adjusted) }
        return truncated
    }

    private func zoneOffset(at time: Int64) -> Int64 {
        guard let zone else { return 0 }
        return Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(time) / 1e9))) * 1_000_000_000
    }
}
