import TimeSeries

extension RFC3339 {
    /// A time literal read from a query: UTC seconds and the nanoseconds within the second. The seconds may lie
    /// outside what nanoseconds since the epoch can hold; `nanoseconds` says whether they do.
    public struct ParsedTime: Sendable, Equatable {
        public let seconds: Int64
        public let fraction: Int64

        /// Nanoseconds since the epoch, or nil when the time is beyond Int64's range (after 2262-04-11 or before
        /// 1677-09-21).
        public var nanoseconds: Int64? {
            seconds.multipliedChecked(by: 1_000_000_000)?.addingChecked(fraction)
        }
    }

    /// Reads `2006-01-02T15:04:05.999999999Z07:00` (offset or `Z`), `2006-01-02 15:04:05[.fraction]` (UTC) and
    /// `2006-01-02` (midnight UTC), the forms InfluxQL accepts in time comparisons. Digits past nanoseconds are
    /// read and dropped, as Go's parser does; an offset must be at most 24:60, as Go's parser requires.
    public static func parse(_ text: String) -> ParsedTime? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int64? {
            guard range.upperBound <= bytes.count, range.allSatisfy({ bytes[$0] >= 48 && bytes[$0] <= 57 }) else { return nil }
            return Int64(String(decoding: bytes[range], as: UTF8.self))
        }
        guard bytes.count >= 10, bytes[4] == 45, bytes[7] == 45, let year = number(0..<4), let month = number(5..<7),
            let day = number(8..<10), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var seconds = CivilDate.daysSinceEpoch(year: year, month: month, day: day) * 86_400
        guard bytes.count > 10 else { return ParsedTime(seconds: seconds, fraction: 0) }
        guard bytes.count >= 19, bytes[10] == 84 || bytes[10] == 32, bytes[13] == 58, bytes[16] == 58,
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19), hour < 24, minute < 60, second < 61
        else { return nil }
        seconds += hour * 3600 + minute * 60 + second
        var index = 19
        var fraction: Int64 = 0
        if index < bytes.count && bytes[index] == 46 {
            index += 1
            var digits = 0
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                if digits < 9 { fraction = fraction * 10 + Int64(bytes[index] - 48) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            if digits < 9 { for _ in digits..<9 { fraction *= 10 } }
        }
        if index == bytes.count { return bytes[10] == 32 ? ParsedTime(seconds: seconds, fraction: fraction) : nil }
        if bytes[index] == 90 && index + 1 == bytes.count { return ParsedTime(seconds: seconds, fraction: fraction) }
        guard bytes.count == index + 6, bytes[index] == 43 || bytes[index] == 45, bytes[index + 3] == 58,
            let offsetHours = number(index + 1..<index + 3), let offsetMinutes = number(index + 4..<index + 6),
            offsetHours <= 24, offsetMinutes <= 60
        else { return nil }
        let offset = (offsetHours * 3600 + offsetMinutes * 60) * (bytes[index] == 43 ? 1 : -1)
        return ParsedTime(seconds: seconds - offset, fraction: fraction)
    }
}
