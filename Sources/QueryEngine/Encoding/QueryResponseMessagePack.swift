public import TimeSeries

/// `/query` results as MessagePack (`Accept: application/x-msgpack`, which the Python `influxdb` client sends by
/// default), shaped as InfluxDB 1.x shapes them: `{"results":[…]}`; a statement that failed is `{"error":…}` alone;
/// every other result has `statement_id`, `messages` when there are some, `series` always (perhaps empty) and
/// `partial` when true; a series has `name` and `tags` only when non-empty, then `columns`, `values` and
/// `partial`. Times are msgp's time extension unless `epoch=` asks for integers. A chunked answer is one such map
/// per chunk, back to back.
public enum QueryResponseMessagePack {
    public static func encode(_ results: [StatementResult], epoch: Precision?) -> [UInt8] {
        let values = results.reduce(0) { total, result in
            result.series.reduce(total) { $0 + $1.values.count * $1.columns.count }
        }
        var writer = MessagePackWriter(capacity: 64 + 10 * values)
        writer.mapHeader(1)
        writer.string("results")
        writer.arrayHeader(results.count)
        for result in results { write(result, epoch: epoch, into: &writer) }
        return writer.bytes
    }

    /// A request-level failure: `{"error":"…"}`.
    public static func error(_ message: String) -> [UInt8] {
        var writer = MessagePackWriter(capacity: 16 + message.utf8.count)
        writer.mapHeader(1)
        writer.string("error")
        writer.string(message)
        return writer.bytes
    }

    private static func write(_ result: StatementResult, epoch: Precision?, into writer: inout MessagePackWriter) {
        if let error = result.error {
            writer.mapHeader(1)
            writer.string("error")
            writer.string(error)
            return
        }
        writer.mapHeader(2 + (result.messages.isEmpty ? 0 : 1) + (result.partial ? 1 : 0))
        writer.string("statement_id")
        writer.integer(Int64(result.statementID))
        if !result.messages.isEmpty {
            writer.string("messages")
            writer.arrayHeader(result.messages.count)
            for message in result.messages {
                writer.mapHeader(2)
                writer.string("level")
                writer.string(message.level)
                writer.string("text")
                writer.string(message.text)
            }
        }
        writer.string("series")
        writer.arrayHeader(result.series.count)
        for series in result.series { write(series, epoch: epoch, into: &writer) }
        if result.partial {
            writer.string("partial")
            writer.boolean(true)
        }
    }

    private static func write(_ series: ResultSeries, epoch: Precision?, into writer: inout MessagePackWriter) {
        let name = series.name ?? ""
        let tags = series.tags ?? [:]
        writer.mapHeader(2 + (name.isEmpty ? 0 : 1) + (tags.isEmpty ? 0 : 1) + (series.partial ? 1 : 0))
        if !name.isEmpty {
            writer.string("name")
            writer.string(name)
        }
        if !tags.isEmpty {
            writer.string("tags")
            writer.mapHeader(tags.count)
            for key in tags.keys.sorted() {
                writer.string(key)
                writer.string(tags[key] ?? "")
            }
        }
        writer.string("columns")
        writer.arrayHeader(series.columns.count)
        for column in series.columns { writer.string(column) }
        writer.string("values")
        writer.arrayHeader(series.values.count)
        for row in series.values {
            writer.arrayHeader(row.count)
            for value in row { write(value, epoch: epoch, into: &writer) }
        }
        if series.partial {
            writer.string("partial")
            writer.boolean(true)
        }
    }

    private static func write(_ value: ResultValue, epoch: Precision?, into writer: inout MessagePackWriter) {
        switch value {
        case .null: writer.null()
        case .float(let number): writer.float(number)
        case .integer(let number): writer.integer(number)
        case .unsigned(let number): writer.unsigned(number)
        case .string(let text): writer.string(text)
        case .boolean(let flag): writer.boolean(flag)
        case .time(let nanoseconds):
            if let epoch {
                writer.integer(nanoseconds / epoch.nanosecondsPerUnit)
            } else {
                writer.time(nanoseconds: nanoseconds)
            }
        case .strings(let list):
            writer.arrayHeader(list.count)
            for text in list { writer.string(text) }
        }
    }
}
