public import TimeSeries

/// `/query` responses as InfluxDB 1.x writes them: `{"results":[…]}` with empty parts left out, times as
/// RFC 3339 (or epoch integers in the requested unit), `pretty=true` indented.
public enum QueryResponseEncoder {
    /// The `epoch=` unit, or nil for RFC 3339 times.
    public static func json(_ results: [StatementResult], epoch: Precision? = nil, pretty: Bool = false) -> String {
        let document = JSONWriter.Value.object([("results", .array(results.map { encode($0, epoch: epoch) }))])
        return JSONWriter.encode(document, pretty: pretty)
    }

    /// A request-level failure: `{"error":"…"}`.
    public static func error(_ message: String, pretty: Bool = false) -> String {
        JSONWriter.encode(.object([("error", .string(message))]), pretty: pretty)
    }

    private static func encode(_ result: StatementResult, epoch: Precision?) -> JSONWriter.Value {
        var members: [(String, JSONWriter.Value)] = [("statement_id", .integer(Int64(result.statementID)))]
        if !result.series.isEmpty { members.append(("series", .array(result.series.map { encode($0, epoch: epoch) }))) }
        if !result.messages.isEmpty {
            members.append(
                ("messages", .array(result.messages.map { .object([("level", .string($0.level)), ("text", .string($0.text))]) })))
        }
        if let error = result.error { members.append(("error", .string(error))) }
        return .object(members)
    }

    private static func encode(_ series: ResultSeries, epoch: Precision?) -> JSONWriter.Value {
        var members: [(String, JSONWriter.Value)] = []
        if let name = series.name { members.append(("name", .string(name))) }
        if let tags = series.tags, !tags.isEmpty {
            members.append(("tags", .object(tags.keys.sorted().map { ($0, .string(tags[$0]!)) })))
        }
        members.append(("columns", .array(series.columns.map { .string($0) })))
        if !series.values.isEmpty {
            members.append(("values", .array(series.values.map { row in .array(row.map { encode($0, epoch: epoch) }) })))
        }
        if series.partial { members.append(("partial", .boolean(true))) }
        return .object(members)
    }

    private static func encode(_ value: ResultValue, epoch: Precision?) -> JSONWriter.Value {
        switch value {
        case .null: .null
        case .float(let number): .float(number)
        case .integer(let number): .integer(number)
        case .unsigned(let number): .unsigned(number)
        case .string(let text): .string(text)
        case .boolean(let flag): .boolean(flag)
        case .time(let nanoseconds):
            if let epoch { .integer(nanoseconds / epoch.nanosecondsPerUnit) } else { .string(RFC3339.format(nanoseconds: nanoseconds)) }
        }
    }
}

/// Go's `time.RFC3339Nano` in UTC: fractional seconds with trailing zeros trimmed, `Z` for the zone.
public enum RFC3339 {
    public static func format(nanoseconds: Int64) -> String {
        let seconds = nanoseconds >= 0 ? nanoseconds / 1_000_000_000 : (nanoseconds + 1) / 1_000_000_000 - 1
        let fraction = nanoseconds - seconds * 1_000_000_000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds + 1) / 86_400 - 1
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        var text =
            "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
        if fraction > 0 {
            var digits = pad(fraction, 9)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text + "Z"
    }

    /// Howard Hinnant's days-to-civil algorithm.
    static func civilDate(daysSinceEpoch days: Int64) -> (Int64, Int64, Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
