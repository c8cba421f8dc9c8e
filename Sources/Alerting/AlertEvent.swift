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

    public init(topic: String, id: String, state: EventState, previousLevel: AlertLevel, recoverable: Bool, data: [ResultSeries]) {
        self.topic = topic
        self.id = id
        self.state = state
        self.previousLevel = previousLevel
        self.recoverable = recoverable
        self.data = data
    }
}
