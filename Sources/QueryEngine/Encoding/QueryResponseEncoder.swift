public import Foundation
public import TimeSeries

/// `/query` responses as InfluxDB 1.x writes them: `{"results":[…]}` with empty parts left out, times as
/// RFC 3339 (or epoch integers in the requested unit), `pretty=true` indented.
public enum QueryResponseEncoder {
    /// The `epoch=` unit, or nil for RFC 3339 times.
    public static func json(_ results: [StatementResult], epoch: Precision? = nil, pretty: Bool = false) -> String {
        let document = JSONWriter.Value.object([("results", .array(results.map { encode($0, epoch: epoch) }))])
        return JSONWriter.encode(document, pretty: pretty)
    }

    /// `chunked=true`: each series cut into pieces of at most `size` rows, one statement result per piece, as
    /// InfluxDB streams them: a piece with more of its series to come is `partial`, and so is every result but the
    /// last of its statement. Each becomes one line `{"results":[…]}`.
    public static func chunks(_ results: [StatementResult], size: Int) -> [StatementResult] {
        var chunks: [StatementResult] = []
        for result in results {
            guard !result.series.isEmpty else {
                chunks.append(result)
                continue
            }
            for (seriesIndex, series) in result.series.enumerated() {
                let pieces = stride(from: 0, to: max(series.values.count, 1), by: max(size, 1)).map { start in
                    Array(series.values[start..<min(start + max(size, 1), series.values.count)])
                }
                for (pieceIndex, values) in pieces.enumerated() {
                    var piece = series
                    piece.values = values
                    piece.partial = pieceIndex < pieces.count - 1
                    let isLast = seriesIndex == result.series.count - 1 && pieceIndex == pieces.count - 1
                    var chunk = StatementResult(statementID: result.statementID, series: [piece], messages: isLast ? result.messages : [])
                    chunk.partial = !isLast
                    chunk.timeZone = result.timeZone
                    chunks.append(chunk)
                }
            }
        }
        return chunks
    }

    /// A request-level failure: `{"error":"…"}`.
    public static func error(_ message: String, pretty: Bool = false) -> String {
        JSONWriter.encode(.object([("error", .string(message))]), pretty: pretty)
    }

    private static func encode(_ result: StatementResult, epoch: Precision?) -> JSONWriter.Value {
        var members: [(String, JSONWriter.Value)] = [("statement_id", .integer(Int64(result.statementID)))]
        let times = TimeFormat(epoch: epoch, zone: result.timeZone.flatMap(TimeZone.init(identifier:)))
        if !result.series.isEmpty { members.append(("series", .array(result.series.map { encode($0, times: times) }))) }
        if !result.messages.isEmpty {
            members.append(
                ("messages", .array(result.messages.map { .object([("level", .string($0.level)), ("text", .string($0.text))]) })))
        }
        if result.partial { members.append(("partial", .boolean(true))) }
        if let error = result.error { members.append(("error", .string(error))) }
        return .object(members)
    }

    private static func encode(_ series: ResultSeries, times: TimeFormat) -> JSONWriter.Value {
        var members: [(String, JSONWriter.Value)] = []
        if let name = series.name { members.append(("name", .string(name))) }
        if let tags = series.tags, !tags.isEmpty {
            members.append(("tags", .object(tags.keys.sorted().map { ($0, .string(tags[$0]!)) })))
        }
        members.append(("columns", .array(series.columns.map { .string($0) })))
        if !series.values.isEmpty {
            members.append(("values", .array(series.values.map { row in .array(row.map { encode($0, times: times) }) })))
        }
        if series.partial { members.append(("partial", .boolean(true))) }
        return .object(members)
    }

    private static func encode(_ value: ResultValue, times: TimeFormat) -> JSONWriter.Value {
        switch value {
        case .null: .null
        case .float(let number): .float(number)
        case .integer(let number): .integer(number)
        case .unsigned(let number): .unsigned(number)
        case .string(let text): .string(text)
        case .boolean(let flag): .boolean(flag)
        case .time(let nanoseconds):
            if let epoch = times.epoch {
                .integer(nanoseconds / epoch.nanosecondsPerUnit)
            } else {
                .string(RFC3339.format(nanoseconds: nanoseconds, zone: times.zone))
            }
        case .strings(let list): .array(list.map { .string($0) })
        }
    }
}

/// How a result writes times: epoch integers in a unit, or RFC 3339 in UTC or in a `tz()` zone.
struct TimeFormat {
    var epoch: Precision?
    var zone: TimeZone?
}

/// Go's `time.RFC3339Nano` in UTC: fractional seconds with trailing zeros trimmed, `Z` for the zone.
public enum RFC3339 {
    /// In `zone`'s local time with its offset (`1969-12-31T18:00:00-06:00`); `Z` when the offset is zero.
    public static func format(nanoseconds: Int64, zone: TimeZone?) -> String {
        guard let zone else { return format(nanoseconds: nanoseconds) }
        let offsetSeconds = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(nanoseconds) / 1e9))
        guard offsetSeconds != 0 else { return format(nanoseconds: nanoseconds) }
        let local = format(nanoseconds: nanoseconds &+ Int64(offsetSeconds) * 1_000_000_000).dropLast()
        let magnitude = abs(offsetSeconds)
        let hours = String(magnitude / 3600)
        let minutes = String(magnitude % 3600 / 60)
        return local + (offsetSeconds < 0 ? "-" : "+") + String(repeating: "0", count: 2 - hours.count) + hours + ":"
            + String(repeating: "0", count: 2 - minutes.count) + minutes
    }

    public static func format(nanoseconds: Int64) -> String {
        let seconds = nanoseconds >= 0 ? nanoseconds / 1_000_000_000 : (nanoseconds + 1) / 1_000_000_000 - 1
        let fraction = nanoseconds - seconds * 1_000_000_000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds + 1) / 86_400 - 1
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = CivilDate.date(daysSinceEpoch: days)
        var text =
            "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
        if fraction > 0 {
            var digits = pad(fraction, 9)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text + "Z"
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension RFC3339 {
    /// Reads `2006-01-02T15:04:05.999999999Z07:00` (offset or `Z`), `2006-01-02 15:04:05[.fraction]` (UTC) and
    /// `2006-01-02` (midnight UTC), the forms InfluxQL accepts in time comparisons.
    public static func parse(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int64? {
            guard range.upperBound <= bytes.count, range.allSatisfy({ bytes[$0] >= 48 && bytes[$0] <= 57 }) else { return nil }
            return Int64(String(decoding: bytes[range], as: UTF8.self))
        }
        guard bytes.count >= 10, bytes[4] == 45, bytes[7] == 45, let year = number(0..<4), let month = number(5..<7),
            let day = number(8..<10), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var seconds = CivilDate.daysSinceEpoch(year: year, month: month, day: day) * 86_400
        guard bytes.count > 10 else { return seconds * 1_000_000_000 }
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
            for _ in digits..<9 where digits < 9 { fraction *= 10 }
        }
        if index == bytes.count { return bytes[10] == 32 ? seconds * 1_000_000_000 + fraction : nil }
        if bytes[index] == 90 && index + 1 == bytes.count { return seconds * 1_000_000_000 + fraction }
        guard bytes.count == index + 6, bytes[index] == 43 || bytes[index] == 45, bytes[index + 3] == 58,
            let offsetHours = number(index + 1..<index + 3), let offsetMinutes = number(index + 4..<index + 6)
        else { return nil }
        let offset = (offsetHours * 3600 + offsetMinutes * 60) * (bytes[index] == 43 ? 1 : -1)
        return (seconds - offset) * 1_000_000_000 + fraction
    }

}
