/// `DROP SERIES [FROM …] [WHERE tag condition]` and `DELETE [FROM …] [WHERE condition with time]`.
public struct DeleteSeriesStatement: Sendable, Equatable {
    public var sources: [MeasurementSource]
    public var condition: Expression?
    /// DROP SERIES removes the series from the index; DELETE only removes values.
    public var dropsSeries: Bool
}

/// The clauses shared by SHOW SERIES, SHOW TAG KEYS, SHOW TAG VALUES and SHOW FIELD KEYS, and by their
/// `[EXACT] CARDINALITY` forms (SHOW MEASUREMENT CARDINALITY too).
public struct ShowSeriesStatement: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case series
        case tagKeys
        /// `WITH KEY …`: which tag keys' values to list.
        case tagValues(KeySelector)
        case fieldKeys
        /// Only as `SHOW MEASUREMENT [EXACT] CARDINALITY`.
        case measurements
    }

    /// `CARDINALITY` (an estimate where InfluxDB keeps one) or `EXACT CARDINALITY`: counts instead of lists.
    public enum Cardinality: Sendable, Equatable {
        case estimated
        case exact
    }

    /// `WITH KEY = k`, `!= k`, `=~ /re/`, `!~ /re/`, `IN (k1, k2)`.
    public enum KeySelector: Sendable, Equatable {
        case equals(String)
        case notEquals(String)
        case matches(String)
        case notMatches(String)
        case among([String])
    }

    public var kind: Kind
    public var database: String?
    public var sources: [MeasurementSource] = []
    public var condition: Expression?
    public var limit: Int?
    public var offset: Int?
    public var cardinality: Cardinality?
    /// A cardinality's `GROUP BY` tags.
    public var dimensions: [SelectStatement.Dimension] = []
}
