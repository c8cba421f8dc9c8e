internal import TimeSeries

/// A span of time written the way Go's `time.ParseDuration` reads it (`"10s"`, `"1m30s"`, `"1.5h"`, `"0"`),
/// because every duration in `kapacitor.conf` is spelled that way.
public struct ConfigDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    public static func seconds(_ seconds: Int64) -> ConfigDuration {
        ConfigDuration(nanoseconds: seconds * 1_000_000_000)
    }

    public var seconds: Double { Double(nanoseconds) / 1e9 }

    public static func < (lhs: ConfigDuration, rhs: ConfigDuration) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }

    private static let unitNanoseconds: [(suffix: String, nanoseconds: Double)] = [
        ("ns", 1), ("us", 1e3), ("µs", 1e3), ("μs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9),
    ]

    /// Parses Go's duration syntax: an optional sign, then one or more decimal numbers each followed by a unit.
    /// Returns nil for anything else, including a number without a unit (except `0`).
    public init?(parsing text: String) {
        var rest = Substring(text)
        var sign: Double = 1
        if rest.first == "-" || rest.first == "+" {
            sign = rest.first == "-" ? -1 : 1
            rest = rest.dropFirst()
        }
        if rest == "0" {
            self.init(nanoseconds: 0)
            return
        }
        guard !rest.isEmpty else { return nil }
        var total: Double = 0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            let unitText = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            guard let unit = Self.unitNanoseconds.first(where: { $0.suffix == unitText }) else { return nil }
            rest = rest.dropFirst(unitText.count)
            total += value * unit.nanoseconds
        }
        guard let nanoseconds = Int64(exactly: (sign * total).rounded(.towardZero)) else { return nil }
        self.init(nanoseconds: nanoseconds)
    }

    /// Go's `Duration.String()` form: `"0s"`, `"1m30s"`, `"1h0m0s"`, `"250ms"`.
    public var description: String {
        GoDuration.format(nanoseconds: nanoseconds)
    }
}
