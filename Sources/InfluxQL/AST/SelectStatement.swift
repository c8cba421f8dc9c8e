/// `SELECT fields FROM sources [WHERE …] [GROUP BY …] [fill(…)] [ORDER BY time [ASC|DESC]] [LIMIT n] [OFFSET n]
/// [SLIMIT n] [SOFFSET n] [tz('…')]`.
public struct SelectStatement: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        public var expression: Expression
        public var alias: String?

        public init(_ expression: Expression, alias: String? = nil) {
            self.expression = expression
            self.alias = alias
        }
    }

    public enum Dimension: Sendable, Equatable {
        /// `time(interval[, offset])`, nanoseconds.
        case time(interval: Int64, offset: Int64)
        case tag(String)
        case wildcard
        case regex(String)
    }

    public enum Fill: Sendable, Equatable {
        case null, none, previous, linear
        case value(Double)
    }

    public var fields: [Field]
    /// `INTO [[db.]rp.]measurement`: where the results are written instead of returned. A target without a name is
    /// `:MEASUREMENT`: each result goes to the measurement it came from.
    public var target: MeasurementSource?
    public var sources: [MeasurementSource]
    public var condition: Expression?
    public var dimensions: [Dimension] = []
    public var fill: Fill = .null
    public var isDescending = false
    public var limit: Int?
    public var offset: Int?
    public var seriesLimit: Int?
    public var seriesOffset: Int?
    public var timezone: String?

    public init(fields: [Field], sources: [MeasurementSource], condition: Expression? = nil) {
        self.fields = fields
        self.sources = sources
        self.condition = condition
    }
}
