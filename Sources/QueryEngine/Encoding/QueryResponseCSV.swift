public import TimeSeries

/// `/query` results as CSV (`Accept: application/csv` or `text/csv`), as InfluxDB 1.x writes them: a header
/// `name,tags,<columns>` whenever the columns change (a blank line before each but the first), one line per row
/// with the series name and its non-empty tags (`k=v` joined by commas, escaped as in line protocol), times as epoch integers
/// (nanoseconds unless `epoch=` says otherwise). Statement errors are left out, as InfluxDB leaves them out.
public enum QueryResponseCSV {
    public static func csv(_ results: [StatementResult], epoch: Precision?) -> String {
        var output = ""
        var header: [String]?
        for result in results {
            var headerOfStatement: [String]?
            for series in result.series {
                let columns = ["name", "tags"] + series.columns
                if headerOfStatement != columns {
                    if header != nil { output += "\n" }
                    output += line(columns)
                    header = columns
                    headerOfStatement = columns
                }
                let tags = (series.tags ?? [:]).filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }.map {
                    escapeTag($0.key) + "=" + escapeTag($0.value)
                }
                let prefix = [series.name ?? "", tags.joined(separator: ",")]
                for row in series.values { output += line(prefix + row.map { text($0, epoch: epoch) }) }
            }
        }
        return output
    }

    /// A request-level failure: `error` and the message.
    public static func error(_ message: String) -> String {
        line(["error"]) + line([message])
    }

    private static func text(_ value: ResultValue, epoch: Precision?) -> String {
        switch value {
        case .null: ""
        case .float(let number): JSONWriter.formatFloat(number)
        case .integer(let number): String(number)
        case .unsigned(let number): String(number)
        case .string(let string): string
        case .boolean(let flag): flag ? "true" : "false"
        case .time(let nanoseconds): String(nanoseconds / (epoch ?? .nanoseconds).nanosecondsPerUnit)
        case .strings(let list): "[" + list.joined(separator: " ") + "]"
        }
    }

    /// Go's `encoding/csv`: a field with a comma, quote, line break or leading space is quoted, quotes doubled.
    private static func line(_ fields: [String]) -> String {
        fields.map { field in
            let needsQuotes = field.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" } || field.first == " "
            guard needsQuotes else { return field }
            var quoted = "\""
            for character in field { quoted += character == "\"" ? "\"\"" : String(character) }
            return quoted + "\""
        }.joined(separator: ",") + "\n"
    }

    private static func escapeTag(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "," || character == "=" || character == " " { escaped += "\\" }
            escaped.append(character)
        }
        return escaped
    }
}
