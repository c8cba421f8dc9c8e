/// Durations a client sends for generated InfluxQL (`DURATION 7d`) and TICKscript (`.every(1m)`): they go into the
/// text as literals, so anything but a duration literal is refused — a value like `1h; DROP DATABASE x` would
/// otherwise run with the source's stored credentials.
enum DurationText {
    private static let units = ["ns", "us", "µs", "u", "µ", "ms", "s", "m", "h", "d", "w"]

    /// Digits and a unit, repeated (`90m`, `1h30m`); with `allowingInfinite`, InfluxQL's `INF` too.
    static func isValid(_ text: String, allowingInfinite: Bool = false) -> Bool {
        if allowingInfinite && text.uppercased() == "INF" { return true }
        var rest = Substring(text)
        guard !rest.isEmpty else { return false }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty else { return false }
            rest = rest.dropFirst(digits.count)
            guard let unit = units.sorted(by: { $0.count > $1.count }).first(where: { rest.hasPrefix($0) }) else { return false }
            rest = rest.dropFirst(unit.count)
        }
        return true
    }
}
