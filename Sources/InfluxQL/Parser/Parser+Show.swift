/// `SHOW …` statements.
extension Parser {
    mutating func parseShow() throws(InfluxQLError) -> Statement {
        let token = next()
        switch token.kind {
        case .keyword(.databases): return .showDatabases
        case .keyword(.retention):
            try expect(.policies)
            return .showRetentionPolicies(database: consume(.keyword(.on)) ? try parseIdentifier() : nil)
        case .keyword(.measurements): return .showMeasurements(try parseShowMeasurements())
        case .keyword(.users): return .user(.showUsers)
        case .keyword(.subscriptions): return .subscription(.show)
        case .keyword(.continuous):
            try expect(.queries)
            return .continuousQuery(.show)
        case .keyword(.shards): return .showShards
        case .keyword(.queries): return .showQueries
        case .keyword(.stats): return .showStats(module: consume(.keyword(.for)) ? try parseString() : nil)
        case .keyword(.diagnostics): return .showDiagnostics(module: consume(.keyword(.for)) ? try parseString() : nil)
        case .keyword(.shard):
            try expect(.groups)
            return .showShardGroups
        case .keyword(.grants):
            try expect(.for)
            return .user(.showGrants(user: try parseIdentifier()))
        case .keyword(.series):
            // `SERIES EXACT` without CARDINALITY is plain SHOW SERIES in InfluxDB.
            let exact = consume(.keyword(.exact))
            let cardinality = consume(.keyword(.cardinality)) ? (exact ? .exact : .estimated) : nil as ShowSeriesStatement.Cardinality?
            return try parseShowSeries(.series, cardinality: cardinality)
        case .keyword(.measurement): return try parseShowSeries(.measurements, cardinality: try parseCardinality())
        case .keyword(.field):
            let which = next()
            switch which.kind {
            case .keyword(.keys): return try parseShowSeries(.fieldKeys)
            case .keyword(.key): return try parseShowSeries(.fieldKeys, cardinality: try parseCardinality())
            default: throw error(which, expected: ["KEY", "KEYS"])
            }
        case .keyword(.tag):
            let which = next()
            switch which.kind {
            case .keyword(.keys): return try parseShowSeries(.tagKeys)
            case .keyword(.key): return try parseShowSeries(.tagKeys, cardinality: try parseCardinality())
            case .keyword(.values):
                let exact = consume(.keyword(.exact))
                let cardinality: ShowSeriesStatement.Cardinality? =
                    exact ? (try parseCardinality(afterExact: true)) : (consume(.keyword(.cardinality)) ? .estimated : nil)
                return try parseShowSeries(.tagValues(.among([])), cardinality: cardinality)
            default: throw error(which, expected: ["KEY", "KEYS", "VALUES"])
            }
        default:
            throw error(
                token,
                expected: [
                    "CONTINUOUS", "DATABASES", "DIAGNOSTICS", "FIELD", "GRANTS", "MEASUREMENT", "MEASUREMENTS", "QUERIES",
                    "RETENTION", "SERIES", "SHARD", "SHARDS", "STATS", "SUBSCRIPTIONS", "TAG", "USERS",
                ]
            )
        }
    }

    /// `EXACT CARDINALITY` or `CARDINALITY`.
    private mutating func parseCardinality(afterExact: Bool = false) throws(InfluxQLError) -> ShowSeriesStatement.Cardinality {
        let token = next()
        switch token.kind {
        case .keyword(.cardinality): return afterExact ? .exact : .estimated
        case .keyword(.exact) where !afterExact:
            try expect(.cardinality)
            return .exact
        default: throw error(token, expected: afterExact ? ["CARDINALITY"] : ["EXACT", "CARDINALITY"])
        }
    }

    private mutating func parseShowMeasurements() throws(InfluxQLError) -> ShowMeasurementsStatement {
        var statement = ShowMeasurementsStatement()
        if consume(.keyword(.on)) { statement.database = try parseIdentifier() }
        if consume(.keyword(.with)) {
            try expect(.measurement)
            let op = next()
            switch op.kind {
            case .operator(.equal): statement.filter = .equals(try parseIdentifier())
            case .operator(.regexMatch):
                statement.filter = .matches(try regexPattern())
            default: throw error(op, expected: ["=", "=~"])
            }
        }
        statement.condition = try parseOptionalWhere()
        if consume(.keyword(.limit)) { statement.limit = try parseCount(after: .limit) }
        if consume(.keyword(.offset)) { statement.offset = try parseCount(after: .offset) }
        return statement
    }
}
