/// Times written as Go's `time.Time` writes them, in UTC: what Kapacitor's JSON (`RFC3339Nano`) and alert
/// templates (`.Time`) show.
public enum GoTime {
    /// `2006-01-02T15:04:05.999999999Z`: fractional seconds with trailing zeros trimmed.
    public static func rfc3339Nano(_ nanoseconds: Int64) -> String {
        let parts = Parts(nanoseconds)
        return "\(parts.date)T\(parts.clock)\(parts.fractionText)Z"
    }

    /// `2006-01-02T15:04:05Z`: Go's `time.RFC3339`, whole seconds.
    public static func rfc3339(_ nanoseconds: Int64) -> String {
        let parts = Parts(nanoseconds)
        return "\(parts.date)T\(parts.clock)Z"
    }

    /// `2006-01-02T15:04:05.000000000Z`: always nine fraction digits (PagerDuty's timestamps).
    public static func rfc3339NineDigits(_ nanoseconds: Int64) -> String {
        let parts = Parts(nanoseconds)
        let digits = String(parts.fraction)
        return "\(parts.date)T\(parts.clock).\(String(repeating: "0", count: 9 - digits.count))\(digits)Z"
    }

    /// `2006-01-02 15:04:05.999999999 +0000 UTC`, Go's `Time.String()`.
    public static func goString(_ nanoseconds: Int64) -> String {
        let parts = Parts(nanoseconds)
        return "\(parts.date) \(parts.clock)\(parts.fractionText) +0000 UTC"
    }

    /// The civil fields of a UTC time.
    public struct Parts: Sendable {
        public let year: Int64, month: Int64, day: Int64
        public let hour: Int64, minute: Int64, second: Int64
        public let fraction: Int64
        /// 0 = Sunday.
        public let weekday: Int64

        public init(_ nanoseconds: Int64) {
            // Floored division from the remainder, which cannot overflow (`seconds * 1e9` does near Int64.min).
            var seconds = nanoseconds / 1_000_000_000
            var fraction = nanoseconds % 1_000_000_000
            if fraction < 0 {
                fraction += 1_000_000_000
                seconds -= 1
            }
            self.fraction = fraction
            var days = seconds / 86_400
            var secondOfDay = seconds % 86_400
            if secondOfDay < 0 {
                secondOfDay += 86_400
                days -= 1
            }
            (year, month, day) = CivilDate.date(daysSinceEpoch: days)
            hour = secondOfDay / 3600
            minute = secondOfDay / 60 % 60
            second = secondOfDay % 60
            // 1970-01-01 was a Thursday.
            weekday = ((days % 7) + 7 + 4) % 7
        }

        /// `.123` (trailing zeros trimmed), or nothing for a whole second.
        var fractionText: String {
            guard fraction > 0 else { return "" }
            var digits = String(fraction)
            digits = String(repeating: "0", count: 9 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            return "." + digits
        }

        var date: String { "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))" }
        var clock: String { "\(Self.pad(hour, 2)):\(Self.pad(minute, 2)):\(Self.pad(second, 2))" }

        private static func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
    }
}
