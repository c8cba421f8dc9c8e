/// `SELECT` and its clauses, in InfluxQL's fixed order.
extension Parser {
    /// After `SELECT`; a continuous query's needs its `INTO` (`targetRequired`).
    mutating func parseSelect(targetRequired: Bool = false) throws(InfluxQLError) -> Statement {
        var fields: [SelectStatement.Field] = []
        repeat {
            let expression = try parseExpression()
            let alias = consume(.keyword(.as)) ? try parseIdentifier() : nil
            fields.append(SelectStatement.Field(expression, alias: alias))
        } while consume(.operator(.comma))
        var target: MeasurementSource?
        if consume(.keyword(.into)) {
            target = try parseTarget()
        } else if targetRequired {
            throw error(peek(), expected: ["INTO"])
        }
        try expect(.from)
        var statement = SelectStatement(fields: fields, sources: try parseSources(), condition: try parseOptionalWhere())
        statement.target = target
        if consume(.keyword(.group)) {
            try expect(.by)
            repeat {
                statement.dimensions.append(try parseDimension())
            } while consume(.operator(.comma))
        }
        statement.fill = try parseFill()
        if consume(.keyword(.order)) {
            try expect(.by)
            let token = next()
            guard token.kind == .identifier, token.text.lowercased() == "time" else {
                throw InfluxQLError(message: "only ORDER BY time supported at this time", position: nil)
            }
            if consume(.keyword(.desc)) { statement.isDescending = true } else { _ = consume(.keyword(.asc)) }
        }
        if consume(.keyword(.limit)) { statement.limit = try parseCount(after: .limit) }
        if consume(.keyword(.offset)) { statement.offset = try parseCount(after: .offset) }
        if consume(.keyword(.slimit)) { statement.seriesLimit = try parseCount(after: .slimit) }
        if consume(.keyword(.soffset)) { statement.seriesOffset = try parseCount(after: .soffset) }
        statement.timezone = try parseTimezone()
        return .select(statement)
    }

    /// `measurement`, `rp.measurement`, `db.rp.measurement` (`db..measurement` too), or with `:MEASUREMENT` in
    /// place of the name after at least one segment.
    private mutating func parseTarget() throws(InfluxQLError) -> MeasurementSource {
        var segments: [String?] = [try parseIdentifier()]
        var isBackreference = false
        while segments.count < 3, consume(.operator(.dot)) {
            if consume(.operator(.colon)) {
                try expect(.measurement)
                isBackreference = true
                break
            }
            segments.append(peek().kind == .operator(.dot) ? nil : try parseIdentifier())
        }
        let name = isBackreference ? nil : segments.removeLast()
        switch segments.count {
        case 0: return MeasurementSource(name: name)
        case 1: return MeasurementSource(retentionPolicy: segments[0], name: name)
        default: return MeasurementSource(database: segments[0], retentionPolicy: segments[1], name: name)
        }
    }

    mutating func parseDimension() throws(InfluxQLError) -> SelectStatement.Dimension {
        let token = peek()
        switch token.kind {
        case .operator(.multiply):
            _ = next()
            return .wildcard
        case .operator(.divide):
            return .regex(try regexPattern())
        case .identifier where token.text.lowercased() == "time":
            _ = next()
            guard consume(.operator(.leftParenthesis)) else { return .tag(token.text) }
            let interval = try parseDuration()
            var offset: Int64 = 0
            if consume(.operator(.comma)) {
                let sign: Int64 = consume(.operator(.minus)) ? -1 : 1
                offset = sign * (try parseDuration())
            }
            let close = next()
            guard close.kind == .operator(.rightParenthesis) else { throw error(close, expected: [")"]) }
            return .time(interval: interval, offset: offset)
        default:
            return .tag(try parseIdentifier())
        }
    }

    private mutating func parseFill() throws(InfluxQLError) -> SelectStatement.Fill {
        let token = peek()
        guard token.kind == .identifier, token.text.lowercased() == "fill" else { return .null }
        _ = next()
        let open = next()
        guard open.kind == .operator(.leftParenthesis) else { throw error(open, expected: ["("]) }
        let argument = next()
        let fill: SelectStatement.Fill
        switch argument.kind {
        case .identifier where ["null", "none", "previous", "linear"].contains(argument.text.lowercased()):
            fill = [.null, .none, .previous, .linear][["null", "none", "previous", "linear"].firstIndex(of: argument.text.lowercased())!]
        case .integer, .number: fill = .value(Double(argument.text) ?? 0)
        case .operator(.minus):
            let number = next()
            fill = .value(-(Double(number.text) ?? 0))
        default: throw error(argument, expected: ["null", "none", "previous", "linear", "number"])
        }
        let close = next()
        guard close.kind == .operator(.rightParenthesis) else { throw error(close, expected: [")"]) }
        return fill
    }

    private mutating func parseTimezone() throws(InfluxQLError) -> String? {
        let token = peek()
        guard token.kind == .identifier, token.text.lowercased() == "tz" else { return nil }
        _ = next()
        let open = next()
        guard open.kind == .operator(.leftParenthesis) else { throw error(open, expected: ["("]) }
        let zone = next()
        guard zone.kind == .string else { throw error(zone, expected: ["string"]) }
        let close = next()
        guard close.kind == .operator(.rightParenthesis) else { throw error(close, expected: [")"]) }
        return zone.text
    }
}
