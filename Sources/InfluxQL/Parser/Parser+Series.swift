/// Statements over series: DROP MEASUREMENT, DROP SERIES, DELETE, and SHOW SERIES / TAG KEYS / TAG VALUES / FIELD KEYS.
extension Parser {
    mutating func parseDropSeries() throws(InfluxQLError) -> Statement {
        let start = peek()
        let statement = DeleteSeriesStatement(sources: try parseOptionalFrom(), condition: try parseOptionalWhere(), dropsSeries: true)
        if statement.sources.isEmpty && statement.condition == nil { throw error(start, expected: ["FROM", "WHERE"]) }
        return .deleteSeries(statement)
    }

    mutating func parseDelete() throws(InfluxQLError) -> Statement {
        let start = peek()
        let statement = DeleteSeriesStatement(sources: try parseOptionalFrom(), condition: try parseOptionalWhere(), dropsSeries: false)
        if statement.sources.isEmpty && statement.condition == nil { throw error(start, expected: ["FROM", "WHERE"]) }
        return .deleteSeries(statement)
    }

    /// After `SHOW`, for SERIES, TAG KEYS, TAG VALUES and FIELD KEYS, and their cardinalities.
    mutating func parseShowSeries(
        _ kind: ShowSeriesStatement.Kind, cardinality: ShowSeriesStatement.Cardinality? = nil
    ) throws(InfluxQLError) -> Statement {
        var statement = ShowSeriesStatement(kind: kind)
        statement.cardinality = cardinality
        if consume(.keyword(.on)) { statement.database = try parseIdentifier() }
        statement.sources = try parseOptionalFrom()
        if case .tagValues = kind {
            let with = next()
            guard with.kind == .keyword(.with) else { throw error(with, expected: ["WITH"]) }
            try expect(.key)
            statement.kind = .tagValues(try parseKeySelector())
        }
        statement.condition = try parseOptionalWhere()
        if cardinality != nil, consume(.keyword(.group)) {
            try expect(.by)
            repeat {
                statement.dimensions.append(try parseDimension())
            } while consume(.operator(.comma))
        }
        if consume(.keyword(.limit)) { statement.limit = try parseCount(after: .limit) }
        if consume(.keyword(.offset)) { statement.offset = try parseCount(after: .offset) }
        return .showSeries(statement)
    }

    private mutating func parseKeySelector() throws(InfluxQLError) -> ShowSeriesStatement.KeySelector {
        let op = next()
        switch op.kind {
        case .operator(.equal): return .equals(try parseIdentifier())
        case .operator(.notEqual): return .notEquals(try parseIdentifier())
        case .operator(.regexMatch), .operator(.regexNotMatch):
            let pattern = try regexPattern()
            return op.kind == .operator(.regexMatch) ? .matches(pattern) : .notMatches(pattern)
        case .keyword(.in):
            let open = next()
            guard open.kind == .operator(.leftParenthesis) else { throw error(open, expected: ["("]) }
            var keys: [String] = []
            repeat {
                keys.append(try parseIdentifier())
            } while consume(.operator(.comma))
            let close = next()
            guard close.kind == .operator(.rightParenthesis) else { throw error(close, expected: [")"]) }
            return .among(keys)
        default:
            throw error(op, expected: ["=", "!=", "=~", "!~", "IN"])
        }
    }

    mutating func parseOptionalFrom() throws(InfluxQLError) -> [MeasurementSource] {
        consume(.keyword(.from)) ? try parseSources() : []
    }

    mutating func parseOptionalWhere() throws(InfluxQLError) -> Expression? {
        consume(.keyword(.where)) ? try parseExpression() : nil
    }
}
