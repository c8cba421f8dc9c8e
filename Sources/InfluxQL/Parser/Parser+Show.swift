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

    private mutating func parseShowMeasurements() throws(InfluxQLError) -> ShowMeasurementsStatement {
        var statement = ShowMeasurementsStatement()
        if consume(.keyword(.on)) { statement.database = try parseIdentifier() }
        if consume(.keyword(.with)) {
            try expect(.measurement)
            let op = next()
            switch op.kind {
            case .operator(.equal): statement.filter = .equals(try parseIdentifier())
            case .operator(.regexMatch):
                let token = lexer.scanRegex()
                guard token.kind == .regex else { throw error(token, expected: ["regex"]) }
                statement.filter = .matches(token.text)
            default: throw error(op, expected: ["=", "=~"])
            }
        }
        if consume(.keyword(.limit)) { statement.limit = try parseInteger() }
        if consume(.keyword(.offset)) { statement.offset = try parseInteger() }
        return statement
    }
}
