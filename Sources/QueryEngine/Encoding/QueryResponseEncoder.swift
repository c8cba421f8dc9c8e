public import Foundation
public import TimeSeries

/// `/query` responses as InfluxDB 1.x writes them: `{"results":[…]}` with empty parts left out, times as
/// RFC 3339 (or epoch integers in the requested unit), `pretty=true` indented.
public enum QueryResponseEncoder {
    /// The `epoch=` unit, or nil for RFC 3339 times.
    public static func json(_ results: [StatementResult], epoch: Precision? = nil, pretty: Bool = false) -> String {
        String(decoding: jsonBytes(results, epoch: epoch, pretty: pretty), as: UTF8.self)
    }

    /// `json` as UTF-8 bytes, followed by a newline as InfluxDB ends each answer: what goes on the wire.
    public static func jsonLine(_ results: [StatementResult], epoch: Precision? = nil, pretty: Bool = false) -> [UInt8] {
        var bytes = jsonBytes(results, epoch: epoch, pretty: pretty)
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    private static func jsonBytes(_ results: [StatementResult], epoch: Precision?, pretty: Bool) -> [UInt8] {
        // About 24 bytes a value (a time or a full-precision float) spares most of the array's regrowth.
        let values = results.reduce(0) { total, result in
            result.series.reduce(total) { $0 + $1.values.count * $1.columns.count }
        }
        var writer = JSONWriter(pretty: pretty, capacity: 256 + 24 * values)
        writer.openObject()
        writer.key("results")
        writer.array(results) { writer, result in write(result, epoch: epoch, into: &writer) }
        writer.closeObject()
        return writer.bytes
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
        var writer = JSONWriter(pretty: pretty)
        writer.openObject()
        writer.key("error")
        writer.string(message)
        writer.closeObject()
        return writer.text
    }

    private static func write(_ result: StatementResult, epoch: Precision?, into writer: inout JSONWriter) {
        writer.openObject()
        writer.key("statement_id")
        writer.integer(Int64(result.statementID))
        let times = TimeFormat(epoch: epoch, zone: result.timeZone.flatMap(TimeZone.init(identifier:)))
        if !result.series.isEmpty {
            writer.key("series")
            writer.array(result.series) { writer, series in write(series, times: times, into: &writer) }
        }
        if !result.messages.isEmpty {
            writer.key("messages")
            writer.array(result.messages) { writer, message in
                writer.openObject()
                writer.key("level")
                writer.string(message.level)
                writer.key("text")
                writer.string(message.text)
                writer.closeObject()
            }
        }
        if result.partial {
            writer.key("partial")
            writer.boolean(true)
        }
        if let error = result.error {
            writer.key("error")
            writer.string(error)
        }
        writer.closeObject()
    }

    private static func write(_ series: ResultSeries, times: TimeFormat, into writer: inout JSONWriter) {
        writer.openObject()
        if let name = series.name {
            writer.key("name")
            writer.string(name)
        }
        if let tags = series.tags, !tags.isEmpty {
            writer.key("tags")
            writer.openObject()
            for key in tags.keys.sorted() {
                writer.key(key)
                writer.string(tags[key]!)
            }
            writer.closeObject()
        }
        writer.key("columns")
        writer.array(series.columns) { writer, column in writer.string(column) }
        if !series.values.isEmpty {
            writer.key("values")
            writer.array(series.values) { writer, row in
                writer.array(row) { writer, value in write(value, times: times, into: &writer) }
            }
        }
        if series.partial {
            writer.key("partial")
            writer.boolean(true)
        }
        writer.closeObject()
    }

    private static func write(_ value: ResultValue, times: TimeFormat, into writer: inout JSONWriter) {
        switch value {
        case .null: writer.null()
        case .float(let number): writer.float(number)
        case .integer(let number): writer.integer(number)
        case .unsigned(let number): writer.unsigned(number)
        case .string(let text): writer.string(text)
        case .boolean(let flag): writer.boolean(flag)
        case .time(let nanoseconds):
            if let epoch = times.epoch {
                writer.integer(nanoseconds / epoch.nanosecondsPerUnit)
            } else {
                // RFC 3339 text needs no escaping.
                writer.append("\"")
                RFC3339.append(nanoseconds: nanoseconds, zone: times.zone, to: &writer)
                writer.append("\"")
            }
        case .strings(let list): writer.array(list) { writer, text in writer.string(text) }
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
        var writer = JSONWriter(pretty: false, capacity: 40)
        append(nanoseconds: nanoseconds, zone: zone, to: &writer)
        return writer.text
    }

    public static func format(nanoseconds: Int64) -> String { format(nanoseconds: nanoseconds, zone: nil) }

    static func append(nanoseconds: Int64, zone: TimeZone?, to writer: inout JSONWriter) {
        let offsetSeconds = zone?.secondsFromGMT(for: Date(timeIntervalSince1970: Double(nanoseconds) / 1e9)) ?? 0
        appendLocal(nanoseconds: nanoseconds &+ Int64(offsetSeconds) * 1_000_000_000, to: &writer)
        guard offsetSeconds != 0 else { return writer.append("Z") }
        let magnitude = Int64(abs(offsetSeconds))
        writer.append(offsetSeconds < 0 ? "-" : "+")
        appendPadded(magnitude / 3600, width: 2, to: &writer)
        writer.append(":")
        appendPadded(magnitude % 3600 / 60, width: 2, to: &writer)
    }

    /// `2006-01-02T15:04:05.999999999`, without a zone.
    private static func appendLocal(nanoseconds: Int64, to writer: inout JSONWriter) {
        // Floored division, without the overflow `seconds * 1e9` has for the earliest times InfluxDB stores.
        var (seconds, fraction) = nanoseconds.quotientAndRemainder(dividingBy: 1_000_000_000)
        if fraction < 0 {
            seconds -= 1
            fraction += 1_000_000_000
        }
        appendLocal(seconds: seconds, fraction: fraction, to: &writer)
    }

    /// Go's `time.RFC3339` in UTC for any second, even one beyond what nanoseconds since the epoch can hold
    /// (the time in an "overflows time literal" error).
    static func format(seconds: Int64) -> String {
        var writer = JSONWriter(pretty: false, capacity: 32)
        appendLocal(seconds: seconds, fraction: 0, to: &writer)
        writer.append("Z")
        return writer.text
    }

    private static func appendLocal(seconds: Int64, fraction: Int64, to writer: inout JSONWriter) {
        var fraction = fraction
        let days = seconds >= 0 ? seconds / 86_400 : (seconds + 1) / 86_400 - 1
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = writer.civilDate(daysSinceEpoch: days)
        if (0...9999).contains(year) {
            // The common case in one append: digit by digit, it was an eighth of writing a raw query's answer.
            appendFixedWidth(year: year, month: month, day: day, secondOfDay: secondOfDay, to: &writer)
        } else {
            appendWide(year: year, month: month, day: day, secondOfDay: secondOfDay, to: &writer)
        }
        guard fraction > 0 else { return }
        var width = 9
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        writer.append(".")
        appendPadded(fraction, width: width, to: &writer)
    }

    /// `2006-01-02T15:04:05` for years 0 to 9999.
    private static func appendFixedWidth(year: Int64, month: Int64, day: Int64, secondOfDay: Int64, to writer: inout JSONWriter) {
        var text: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of stack for the 19 written
        withUnsafeMutableBytes(of: &text) { buffer in
            func put(_ value: Int64, width: Int, at offset: Int) {
                var rest = value
                for index in stride(from: offset + width - 1, through: offset, by: -1) {
                    buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
            }
            put(year, width: 4, at: 0)
            buffer[4] = UInt8(ascii: "-")
            put(month, width: 2, at: 5)
            buffer[7] = UInt8(ascii: "-")
            put(day, width: 2, at: 8)
            buffer[10] = UInt8(ascii: "T")
            put(secondOfDay / 3600, width: 2, at: 11)
            buffer[13] = UInt8(ascii: ":")
            put(secondOfDay / 60 % 60, width: 2, at: 14)
            buffer[16] = UInt8(ascii: ":")
            put(secondOfDay % 60, width: 2, at: 17)
            writer.append(bytes: UnsafeRawBufferPointer(rebasing: buffer[0..<19]))
        }
    }

    /// Years outside 0…9999 as Go writes them: more digits, or a minus sign.
    private static func appendWide(year: Int64, month: Int64, day: Int64, secondOfDay: Int64, to writer: inout JSONWriter) {
        appendPadded(year, width: 4, to: &writer)
        writer.append("-")
        appendPadded(month, width: 2, to: &writer)
        writer.append("-")
        appendPadded(day, width: 2, to: &writer)
        writer.append("T")
        appendPadded(secondOfDay / 3600, width: 2, to: &writer)
        writer.append(":")
        appendPadded(secondOfDay / 60 % 60, width: 2, to: &writer)
        writer.append(":")
        appendPadded(secondOfDay % 60, width: 2, to: &writer)
    }

    private static func appendPadded(_ value: Int64, width: Int, to writer: inout JSONWriter) {
        var limit: Int64 = 1
        for _ in 0..<width { limit = limit &* 10 }
        if value >= 0 && value < limit { writer.zeroPadded(UInt64(value), width: width) } else { writer.integer(value) }
    }
}
