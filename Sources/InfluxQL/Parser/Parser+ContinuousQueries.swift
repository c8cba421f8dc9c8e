/// `CREATE CONTINUOUS QUERY`, with the checks and error texts of InfluxDB's parser.
extension Parser {
    /// After `CREATE CONTINUOUS QUERY`.
    mutating func parseCreateContinuousQuery() throws(InfluxQLError) -> Statement {
        let name = try parseIdentifier()
        try expect(.on)
        let database = try parseIdentifier()
        var (every, duration): (Int64, Int64) = (0, 0)
        if consume(.keyword(.resample)) { (every, duration) = try parseResample() }
        try expect(.begin)
        let select = next()
        guard select.kind == .keyword(.select) else { throw error(select, expected: ["SELECT"]) }
        guard case .select(let source) = try parseSelect(targetRequired: true) else { preconditionFailure("parseSelect makes a SELECT") }
        // An aggregate needs a GROUP BY time() interval; InfluxDB points at the SELECT's last token.
        if !source.isRawQuery, (source.timeDimension?.interval ?? 0) == 0, let last = previous {
            throw error(last, expected: ["GROUP BY time(...)"])
        }
        try expect(.end)
        let create = CreateContinuousQueryStatement(
            name: name, database: database, resampleEvery: every, resampleFor: duration, source: source)
        try Self.validateResample(create)
        return .continuousQuery(.create(create))
    }

    /// `[EVERY duration] [FOR duration]`, at least one of them.
    private mutating func parseResample() throws(InfluxQLError) -> (Int64, Int64) {
        let every = consume(.keyword(.every)) ? try parseDuration() : 0
        let duration = consume(.keyword(.for)) ? try parseDuration() : 0
        guard every != 0 || duration != 0 else { throw error(next(), expected: ["EVERY", "FOR"]) }
        return (every, duration)
    }

    /// `FOR` must cover at least one GROUP BY interval (or `EVERY`, when that is longer).
    private static func validateResample(_ create: CreateContinuousQueryStatement) throws(InfluxQLError) {
        guard create.resampleFor != 0 else { return }
        let interval = max(create.source.timeDimension?.interval ?? 0, create.resampleEvery)
        guard interval <= create.resampleFor else {
            let minimum = DurationLiteral.format(nanoseconds: interval)
            let given = DurationLiteral.format(nanoseconds: create.resampleFor)
            throw InfluxQLError(
                message: "FOR duration must be >= GROUP BY time duration: must be a minimum of \(minimum), got \(given)", position: nil)
        }
    }
}
