/// `CREATE CONTINUOUS QUERY`, `DROP CONTINUOUS QUERY` and `SHOW CONTINUOUS QUERIES`.
public enum ContinuousQueryStatement: Sendable, Equatable {
    case create(CreateContinuousQueryStatement)
    case drop(name: String, database: String)
    case show

    /// As InfluxDB prints it.
    public var description: String {
        switch self {
        case .create(let create): create.description
        case .drop(let name, let database): "DROP CONTINUOUS QUERY \(StatementPrinter.quote(name)) ON \(StatementPrinter.quote(database))"
        case .show: "SHOW CONTINUOUS QUERIES"
        }
    }
}

/// `CREATE CONTINUOUS QUERY name ON db [RESAMPLE [EVERY d] [FOR d]] BEGIN SELECT … INTO … GROUP BY time(…) END`.
public struct CreateContinuousQueryStatement: Sendable, Equatable {
    public var name: String
    public var database: String
    /// `RESAMPLE EVERY`: nanoseconds between runs; 0 when not given (then the GROUP BY interval).
    public var resampleEvery: Int64
    /// `RESAMPLE FOR`: how far back each run recomputes; 0 when not given (then the GROUP BY interval).
    public var resampleFor: Int64
    /// The SELECT … INTO each run executes, over the run's time range.
    public var source: SelectStatement

    public init(name: String, database: String, resampleEvery: Int64 = 0, resampleFor: Int64 = 0, source: SelectStatement) {
        self.name = name
        self.database = database
        self.resampleEvery = resampleEvery
        self.resampleFor = resampleFor
        self.source = source
    }

    /// InfluxDB's `String()`: what `SHOW CONTINUOUS QUERIES` lists and what is stored with the database.
    public var description: String {
        var text = "CREATE CONTINUOUS QUERY \(StatementPrinter.quote(name)) ON \(StatementPrinter.quote(database)) "
        if resampleEvery > 0 || resampleFor > 0 {
            text += "RESAMPLE "
            if resampleEvery > 0 { text += "EVERY \(DurationLiteral.format(nanoseconds: resampleEvery)) " }
            if resampleFor > 0 { text += "FOR \(DurationLiteral.format(nanoseconds: resampleFor)) " }
        }
        return text + "BEGIN \(ExpressionPrinter.select(source)) END"
    }
}

extension SelectStatement {
    /// The `GROUP BY time(interval, offset)` dimension, if there is one.
    public var timeDimension: (interval: Int64, offset: Int64)? {
        for case .time(let interval, let offset) in dimensions { return (interval, offset) }
        return nil
    }

    /// No function call among the fields: InfluxDB's `IsRawQuery`.
    public var isRawQuery: Bool {
        !fields.contains { $0.expression.containsCall }
    }
}

extension Expression {
    /// Whether a function call appears anywhere in the expression.
    var containsCall: Bool {
        switch self {
        case .call: true
        case .binary(_, let left, let right): left.containsCall || right.containsCall
        case .parenthesized(let inner): inner.containsCall
        default: false
        }
    }
}

extension SelectStatement {
    /// The statement over `start ..< end` only, as InfluxDB's `SetTimeRange` makes it for a continuous query's run:
    /// time comparisons already in WHERE (at its top-level ANDs, the only place they may be) give way to the range.
    public func limited(toTimesFrom start: Int64, before end: Int64) -> SelectStatement {
        let time = Expression.variable(VariableReference("time"))
        let range = Expression.binary(.and, .binary(.greaterOrEqual, time, .integer(start)), .binary(.less, time, .integer(end)))
        var statement = self
        statement.condition = condition.flatMap(Self.withoutTimeComparisons).map { .binary(.and, .parenthesized($0), range) } ?? range
        return statement
    }

    private static func withoutTimeComparisons(_ expression: Expression) -> Expression? {
        switch expression {
        case .parenthesized(let inner): return withoutTimeComparisons(inner)
        case .binary(.and, let left, let right):
            switch (withoutTimeComparisons(left), withoutTimeComparisons(right)) {
            case (let left?, let right?): return .binary(.and, left, right)
            case (let one?, nil), (nil, let one?): return one
            case (nil, nil): return nil
            }
        case .binary(_, .variable(let variable), _) where variable.name.lowercased() == "time": return nil
        case .binary(_, _, .variable(let variable)) where variable.name.lowercased() == "time": return nil
        default: return expression
        }
    }
}
