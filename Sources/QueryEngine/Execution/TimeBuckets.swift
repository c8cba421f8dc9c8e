import Foundation
import InfluxQL
import TimeSeries

/// The windows of `GROUP BY time(interval[, offset])`, cut in UTC or, with `tz('…')`, on that zone's wall clock
/// (so `time(1d)` starts at local midnight), with InfluxDB's rules for daylight-saving changes.
struct TimeBuckets {
    let width: Int64
    let offset: Int64
    let zone: TimeZone?

    /// nil when the statement has no time interval.
    init?(_ statement: SelectStatement) {
        guard let (width, offset) = QueryExecutor.timeInterval(statement), width > 0 else { return nil }
        self.init(width: width, offset: offset, zone: statement.timezone.flatMap(TimeZone.init(identifier:)))
    }

    /// `width` must be positive. The offset is kept as InfluxDB keeps it, the remainder of dividing by the width
    /// (sign included), so `time(1h, -9000000000000000000ns)` is an offset of less than an hour.
    init(width: Int64, offset: Int64, zone: TimeZone? = nil) {
        self.width = width
        self.offset = offset.remainderWrapping(dividingBy: width)
        self.zone = zone
    }

    /// The start of the window holding `time` (InfluxDB's `IteratorOptions.Window`). Near the ends of time the
    /// arithmetic saturates where InfluxDB's clamps to its earliest time, instead of trapping.
    func start(of time: Int64) -> Int64 {
        let shifted = time &- offset
        let zoneOffset = zone.map { Self.offset(of: $0, at: shifted) } ?? 0
        var remainder = (shifted &+ zoneOffset) % width
        if remainder < 0 { remainder += width }
        var start = shifted.subtractingSaturated(remainder)
        if let zone {
            // The window may start on the other side of a daylight-saving change than `time`.
            let change = zoneOffset - Self.offset(of: zone, at: start)
            if change != 0 && abs(change) < width { start = start.addingSaturated(change) }
        }
        return start.addingSaturated(offset)
    }

    /// The start of the window after the one starting at `start`; windows on a zone's clock may be an hour longer or
    /// shorter across a daylight-saving change. `Int64.max` when no window follows.
    func next(after start: Int64) -> Int64 {
        guard zone != nil else { return start.addingSaturated(width) }
        return self.start(of: start.addingSaturated(width).addingSaturated(width / 2))
    }

    /// The zone's offset from UTC at `time`, in nanoseconds.
    static func offset(of zone: TimeZone, at time: Int64) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(time) / 1e9))) * 1_000_000_000
    }
}
