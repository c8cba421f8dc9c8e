/// Durations written as Go's `time.Duration.String()` writes them (`"0s"`, `"1m30s"`, `"168h0m0s"`, `"250ms"`),
/// the form `kapacitor.conf` values and InfluxDB's `SHOW RETENTION POLICIES` use.
public enum GoDuration {
    public static func format(nanoseconds: Int64) -> String {
        if nanoseconds == 0 { return "0s" }
        let sign = nanoseconds < 0 ? "-" : ""
        let magnitude = nanoseconds.magnitude
        if magnitude < 1_000_000_000 {
            if magnitude < 1000 { return "\(sign)\(magnitude)ns" }
            if magnitude < 1_000_000 { return sign + decimal(magnitude, 1000) + "µs" }
            return sign + decimal(magnitude, 1_000_000) + "ms"
        }
        let hours = magnitude / 3_600_000_000_000
        let minutes = magnitude / 60_000_000_000 % 60
        let seconds = decimal(magnitude % 60_000_000_000, 1_000_000_000) + "s"
        if hours > 0 { return "\(sign)\(hours)h\(minutes)m\(seconds)" }
        if minutes > 0 { return "\(sign)\(minutes)m\(seconds)" }
        return sign + seconds
    }

    /// `value / unit` with the fraction written only as far as it is non-zero.
    private static func decimal(_ value: UInt64, _ unit: UInt64) -> String {
        let whole = value / unit
        let fraction = value % unit
        guard fraction > 0 else { return String(whole) }
        var digits = String(fraction)
        digits = String(repeating: "0", count: String(unit).count - 1 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }
}
