public import TimeSeries

/// The latest state of one alert (one event id) in a topic: what `/alerts/topics/<t>/events` shows.
public struct EventState: Sendable, Equatable, Codable {
    public var level: AlertLevel
    public var message: String
    public var details: String
    /// Nanoseconds since the epoch.
    public var time: Int64
    /// Nanoseconds the alert has been in a non-OK state.
    public var duration: Int64

    public init(level: AlertLevel, message: String, details: String, time: Int64, duration: Int64) {
        self.level = level
        self.message = message
        self.details = details
        self.time = time
        self.duration = duration
    }
}

/// One alert as handlers get it (SPEC-kapacitor.md §3.4): its state, the level before, and the data that
/// triggered it.
public struct AlertEvent: Sendable {
    public var topic: String
    public var id: String
    public var state: EventState
    public var previousLevel: AlertLevel
    public var recoverable: Bool
    /// The point (one row) or the whole batch, as httpOut shows them.
    public var data: [ResultSeries]
    /// The task whose alert node raised it (PagerDuty's `class`); empty for events posted to a topic.
    public var taskName: String
    /// The group as templates show it (`host=serverA`); empty when the data is not grouped.
    public var group: String

    public init(
        topic: String, id: String, state: EventState, previousLevel: AlertLevel, recoverable: Bool, data: [ResultSeries],
        taskName: String = "", group: String = ""
    ) {
        self.taskName = taskName
        self.group = group
        self.topic = topic
        self.id = id
        self.state = state
        self.previousLevel = previousLevel
        self.recoverable = recoverable
        self.data = data
    }
}

extension AlertEvent {
    /// What a handler's own templates see (Discord's `embed-title`, PagerDuty's links), as Kapacitor gives them an
    /// event: `.ID .Message .Level .Time .Duration .Details .Name .TaskName .Group .Tags .Fields`.
    public var templateData: TemplateValue {
        let series = data.first
        var fields: [String: TemplateValue] = [:]
        if let series, let row = series.values.last {
            for (column, value) in zip(series.columns, row) where column != "time" {
                if let field = value.fieldValue { fields[column] = TemplateValue(field) }
            }
        }
        return .object([
            ("ID", .string(id)), ("Message", .string(state.message)), ("Level", .string(state.level.description)),
            ("Time", .time(state.time)), ("Duration", .duration(state.duration)), ("Details", .string(state.details)),
            ("Name", .string(series?.name ?? "")), ("TaskName", .string(taskName)), ("Group", .string(group)),
            ("Tags", .map((series?.tags ?? [:]).mapValues { .string($0) })), ("Fields", .map(fields)),
        ])
    }
}
