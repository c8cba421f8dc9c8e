import TimeSeries

/// Where an alert node's events go (`.log()`, `.post()`, …). Handlers run off the task's data path: `handle` may
/// do I/O; failures are the handler's to log, never the task's.
public protocol AlertHandler: Sendable {
    func handle(_ event: AlertEvent) async
}

extension AlertEvent {
    /// The event as the post, tcp, exec and log handlers send it (SPEC-kapacitor.md §3.4), one JSON object.
    public var json: String {
        var members: [(String, String)] = [
            ("id", quoted(id)), ("message", quoted(state.message)), ("details", quoted(state.details)),
            ("time", quoted(GoTime.rfc3339Nano(state.time))), ("duration", String(state.duration)),
            ("level", quoted(state.level.description)),
            ("data", "{\"series\":[" + data.map(Self.seriesJSON).joined(separator: ",") + "]}"),
            ("previousLevel", quoted(previousLevel.description)), ("recoverable", recoverable ? "true" : "false"),
        ]
        if data.isEmpty { members[6].1 = "{}" }
        return "{" + members.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    private func quoted(_ text: String) -> String { TemplateValue.string(text).json }

    static func seriesJSON(_ series: ResultSeries) -> String {
        var parts: [String] = []
        if let name = series.name { parts.append("\"name\":" + TemplateValue.string(name).json) }
        if let tags = series.tags, !tags.isEmpty { parts.append("\"tags\":" + TemplateValue.map(tags.mapValues { .string($0) }).json) }
        parts.append("\"columns\":[" + series.columns.map { TemplateValue.string($0).json }.joined(separator: ",") + "]")
        let rows = series.values.map { row in "[" + row.map(Self.cellJSON).joined(separator: ",") + "]" }
        parts.append("\"values\":[" + rows.joined(separator: ",") + "]")
        return "{" + parts.joined(separator: ",") + "}"
    }

    static func cellJSON(_ value: ResultValue) -> String {
        switch value {
        case .null: "null"
        case .float(let number): TemplateValue.float(number).json
        case .integer(let number): String(number)
        case .unsigned(let number): String(number)
        case .string(let text): TemplateValue.string(text).json
        case .boolean(let flag): flag ? "true" : "false"
        case .time(let nanoseconds): TemplateValue.string(GoTime.rfc3339Nano(nanoseconds)).json
        case .strings(let texts): "[" + texts.map { TemplateValue.string($0).json }.joined(separator: ",") + "]"
        }
    }
}
