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

extension ResultValue {
    /// A field's value as a result cell.
    public init(_ value: FieldValue) {
        switch value {
        case .float(let number): self = .float(number)
        case .integer(let number): self = .integer(number)
        case .unsigned(let number): self = .unsigned(number)
        case .string(let text): self = .string(text)
        case .boolean(let flag): self = .boolean(flag)
        }
    }

    /// The cell as a field's value; nil for null, times and string lists.
    public var fieldValue: FieldValue? {
        switch self {
        case .float(let number): .float(number)
        case .integer(let number): .integer(number)
        case .unsigned(let number): .unsigned(number)
        case .string(let text): .string(text)
        case .boolean(let flag): .boolean(flag)
        case .null, .time, .strings: nil
        }
    }
}
