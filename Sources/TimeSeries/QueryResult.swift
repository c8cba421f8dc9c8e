/// The result of one statement of an InfluxQL query, shaped as InfluxDB's `/query` JSON shapes it.
public struct StatementResult: Sendable, Equatable {
    public var statementID: Int
    public var series: [ResultSeries]
    public var messages: [ResultMessage]
    public var error: String?
    /// In a chunked response: more chunks of this statement follow.
    public var partial = false
    /// The zone of a SELECT's `tz()`: RFC 3339 times are written with its offset.
    public var timeZone: String?

    public init(statementID: Int, series: [ResultSeries] = [], messages: [ResultMessage] = [], error: String? = nil) {
        self.statementID = statementID
        self.series = series
        self.messages = messages
        self.error = error
    }
}

/// One series of a result: a name, optional tags, and rows of values under `columns`.
public struct ResultSeries: Sendable, Equatable {
    public var name: String?
    public var tags: [String: String]?
    public var columns: [String]
    public var values: [[ResultValue]]
    public var partial: Bool

    public init(name: String?, tags: [String: String]? = nil, columns: [String], values: [[ResultValue]], partial: Bool = false) {
        self.name = name
        self.tags = tags
        self.columns = columns
        self.values = values
        self.partial = partial
    }
}

public struct ResultMessage: Sendable, Equatable {
    public var level: String
    public var text: String

    public init(level: String, text: String) {
        self.level = level
        self.text = text
    }
}

/// A cell of a result row.
public enum ResultValue: Sendable, Equatable {
    case null
    case float(Double)
    case integer(Int64)
    case unsigned(UInt64)
    case string(String)
    case boolean(Bool)
    /// Nanoseconds since the epoch; written as RFC 3339 or as an epoch number depending on the request.
    case time(Int64)
    /// A JSON array of strings (SHOW SUBSCRIPTIONS' destinations).
    case strings([String])
}
