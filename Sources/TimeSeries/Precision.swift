/// The unit of timestamps in a write: `precision=` on `/write` (`n`, `u`, `ms`, `s`, `m`, `h`) and on
/// `/api/v2/write` (`ns`, `us`, `ms`, `s`).
public enum Precision: Sendable, Hashable, CaseIterable {
    case nanoseconds, microseconds, milliseconds, seconds, minutes, hours

    /// Reads both the 1.x and the 2.x spellings; nil for anything else.
    public init?(name: String) {
        switch name {
        case "", "n", "ns": self = .nanoseconds
        case "u", "us", "µ", "µs": self = .microseconds
        case "ms": self = .milliseconds
        case "s": self = .seconds
        case "m": self = .minutes
        case "h": self = .hours
        default: return nil
        }
    }

    /// How many nanoseconds one unit is.
    public var nanosecondsPerUnit: Int64 {
        switch self {
        case .nanoseconds: 1
        case .microseconds: 1_000
        case .milliseconds: 1_000_000
        case .seconds: 1_000_000_000
        case .minutes: 60_000_000_000
        case .hours: 3_600_000_000_000
        }
    }

    /// `nanoseconds` rounded down to a whole unit, as InfluxDB truncates the server's "now" to the precision.
    public func truncate(_ nanoseconds: Int64) -> Int64 {
        let unit = nanosecondsPerUnit
        let remainder = nanoseconds % unit
        return remainder < 0 ? nanoseconds - remainder - unit : nanoseconds - remainder
    }
}

/// The time range InfluxDB can store, in nanoseconds since the epoch; the extremes of Int64 are reserved.
public enum TimeBounds {
    public static let minimum: Int64 = Int64.min + 2
    public static let maximum: Int64 = Int64.max - 1

    public static func contains(_ nanoseconds: Int64) -> Bool {
        nanoseconds >= minimum && nanoseconds <= maximum
    }
}
