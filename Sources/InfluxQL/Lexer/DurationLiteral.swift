/// InfluxQL duration literals: integers with units `ns`, `u`/`µ`/`us`, `ms`, `s`, `m`, `h`, `d`, `w`, which may be
/// combined (`1h30m`), and their canonical printing in the largest exact unit (`168h` → `1w`).
public enum DurationLiteral {
    private static let units: [(String, Int64)] = [
        ("ns", 1), ("µs", 1000), ("us", 1000), ("u", 1000), ("µ", 1000), ("ms", 1_000_000), ("s", 1_000_000_000),
        ("m", 60_000_000_000), ("h", 3_600_000_000_000), ("d", 86_400_000_000_000), ("w", 604_800_000_000_000),
    ]

    /// Nanoseconds, or nil when the text is not a duration.
    public static func nanoseconds(_ text: String) -> Int64? {
        var rest = Substring(text)
        var total: Int64 = 0
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let value = Int64(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            let unitText = rest.prefix { !($0.isASCII && $0.isNumber) }
            guard let unit = units.first(where: { $0.0 == unitText }) else { return nil }
            rest = rest.dropFirst(unitText.count)
            let (product, overflow1) = value.multipliedReportingOverflow(by: unit.1)
            let (sum, overflow2) = total.addingReportingOverflow(product)
            guard !overflow1 && !overflow2 else { return nil }
            total = sum
        }
        return total
    }

    /// The canonical text: the largest unit that divides the value exactly (`1w`, `90m`, `1500ms`), `0s` for zero.
    public static func format(nanoseconds: Int64) -> String {
        if nanoseconds == 0 { return "0s" }
        for (name, size) in [
            ("w", Int64(604_800_000_000_000)), ("d", 86_400_000_000_000), ("h", 3_600_000_000_000), ("m", 60_000_000_000),
            ("s", 1_000_000_000), ("ms", 1_000_000), ("u", 1000),
        ] where nanoseconds % size == 0 {
            return "\(nanoseconds / size)\(name)"
        }
        return "\(nanoseconds)ns"
    }
}
