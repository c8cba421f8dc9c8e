/// Expressions by precedence climbing, and the sources of FROM clauses.
extension Parser {
    mutating func parseExpression() throws(InfluxQLError) -> Expression {
        try parseBinary(minimumPrecedence: 1)
    }

    private mutating func parseBinary(minimumPrecedence: Int) throws(InfluxQLError) -> Expression {
        var left = try parseUnary()
        // Each operator in a chain (`a AND b AND c …`) adds a level to the tree the chain builds.
        var levels = 0
        defer { leaveExpression(levels: levels) }
        while let op = BinaryOperator(peek().kind), op.precedence >= minimumPrecedence {
            let operatorToken = next()
            levels += 1
            try enterExpression(at: operatorToken)
            let right: Expression
            if op == .regexMatch || op == .regexNotMatch {
                right = .regex(try regexPattern())
            } else {
                right = try parseBinary(minimumPrecedence: op.precedence + 1)
            }
            left = .binary(op, left, right)
        }
        return left
    }

    private mutating func parseUnary() throws(InfluxQLError) -> Expression {
        guard consume(.operator(.minus)) else { return try parsePrimary() }
        let operand = try parsePrimary()
        switch operand {
        // Two's complement, as Go negates: a bound `$x` of Int64.min stays Int64.min instead of trapping.
        case .integer(let value): return .integer(0 &- value)
        case .number(let value): return .number(-value)
        case .duration(let value): return .duration(0 &- value)
        default: return .binary(.multiply, .integer(-1), operand)
        }
    }

    private mutating func parsePrimary() throws(InfluxQLError) -> Expression {
        let token = next()
        switch token.kind {
        case .identifier:
            if consume(.operator(.leftParenthesis)) { return try parseCall(token.text) }
            return .variable(VariableReference(token.text, cast: try parseCast()))
        case .keyword(.distinct):
            // `distinct(field)` is a call; `DISTINCT field` is its older spelling and means the same.
            if consume(.operator(.leftParenthesis)) { return try parseCall("distinct") }
            let field = next()
            guard field.kind == .identifier else { throw error(field, expected: ["identifier"]) }
            return .call(name: "distinct", arguments: [.variable(VariableReference(field.text, cast: nil))])
        case .keyword(.true): return .boolean(true)
        case .keyword(.false): return .boolean(false)
        case .string: return .string(token.text)
        case .integer:
            if let value = Int64(token.text) { return .integer(value) }
            if let value = UInt64(token.text) { return .unsigned(value) }
            throw InfluxQLError(message: "unable to parse integer \(token.text)", position: token.position)
        case .number:
            guard let value = Double(token.text) else { throw InfluxQLError(message: "unable to parse number", position: token.position) }
            return .number(value)
        case .duration: return .duration(DurationLiteral.nanoseconds(token.text) ?? 0)
        case .boundParameter: throw InfluxQLError(message: "missing parameter: \(token.text)", position: nil)
        case .operator(.multiply): return .wildcard(try parseCast())
        case .operator(.leftParenthesis):
            try enterExpression(at: token)
            defer { leaveExpression() }
            let inner = try parseExpression()
            let close = next()
            guard close.kind == .operator(.rightParenthesis) else { throw error(close, expected: [")"]) }
            return .parenthesized(inner)
        case .operator(.divide):
            lexer.rewind(to: token)
            let regex = lexer.scanRegex()
            guard regex.kind == .regex else { throw error(regex, expected: ["regex"]) }
            return .regex(try Self.checkedPattern(regex))
        default:
            throw error(token, expected: ["identifier", "string", "number", "bool"])
        }
    }

    private mutating func parseCall(_ name: String) throws(InfluxQLError) -> Expression {
        try enterExpression(at: peek())
        defer { leaveExpression() }
        var arguments: [Expression] = []
        if consume(.operator(.rightParenthesis)) { return .call(name: name.lowercased(), arguments: arguments) }
        repeat {
            arguments.append(try parseExpression())
        } while consume(.operator(.comma))
        let close = next()
        guard close.kind == .operator(.rightParenthesis) else { throw error(close, expected: [",", ")"]) }
        return .call(name: name.lowercased(), arguments: arguments)
    }

    /// `::type` after a variable or `*`.
    private mutating func parseCast() throws(InfluxQLError) -> VariableReference.Cast? {
        guard consume(.operator(.doubleColon)) else { return nil }
        let token = next()
        let word: String
        switch token.kind {
        case .identifier: word = token.text.lowercased()
        case .keyword(.field): word = "field"
        case .keyword(.tag): word = "tag"
        default: word = ""
        }
        guard let cast = VariableReference.Cast(rawValue: word) else {
            throw error(token, expected: ["float", "integer", "string", "boolean", "field", "tag"])
        }
        return cast
    }

    /// `FROM` sources: measurement names (`db.rp.m`, `rp.m`, `db..m`) or regexes, comma-separated.
    mutating func parseSources() throws(InfluxQLError) -> [MeasurementSource] {
        var sources: [MeasurementSource] = []
        repeat {
            sources.append(try parseSource())
        } while consume(.operator(.comma))
        return sources
    }

    mutating func parseSource() throws(InfluxQLError) -> MeasurementSource {
        let first = peek()
        if consume(.operator(.leftParenthesis)) {
            try expect(.select)
            subqueryDepth += 1
            defer { subqueryDepth -= 1 }
            guard subqueryDepth <= Self.maximumSubqueryDepth else {
                throw InfluxQLError(
                    message: "subqueries nested too deeply (more than \(Self.maximumSubqueryDepth) levels)", position: first.position)
            }
            guard case .select(let inner) = try parseSelect() else { throw error(first, expected: ["SELECT"]) }
            let close = next()
            guard close.kind == .operator(.rightParenthesis) else { throw error(close, expected: [")"]) }
            return MeasurementSource(subquery: .select(inner))
        }
        if first.kind == .operator(.divide) {
            return MeasurementSource(regex: try regexPattern())
        }
        var segments: [String?] = [try parseSegment()]
        while consume(.operator(.dot)) {
            if peek().kind == .operator(.dot) {
                segments.append(nil)
                continue
            }
            if peek().kind == .operator(.divide), segments.count <= 2 {
                return Self.source(segments, last: nil, regex: try regexPattern())
            }
            segments.append(try parseSegment())
        }
        guard segments.count <= 3 else {
            throw InfluxQLError(
                message: "too many segments in \(segments.compactMap { $0 }.joined(separator: "."))", position: first.position)
        }
        return Self.source(Array(segments.dropLast()), last: segments.last!, regex: nil)
    }

    /// An empty database or policy (`"db".""."m"`, as Chronograf writes a source without a default policy) is no
    /// name at all, as `"db"..m` is: the request's database, the database's default policy.
    private static func source(_ segments: [String?], last: String?, regex: String?) -> MeasurementSource {
        let prefix = segments.map { $0.flatMap { $0.isEmpty ? nil : $0 } }
        return switch prefix.count {
        case 0: MeasurementSource(name: last, regex: regex)
        case 1: MeasurementSource(retentionPolicy: prefix[0], name: last, regex: regex)
        default: MeasurementSource(database: prefix[0], retentionPolicy: prefix[1], name: last, regex: regex)
        }
    }

    /// A name segment; InfluxDB lets `time` stand unquoted here.
    private mutating func parseSegment() throws(InfluxQLError) -> String {
        let token = next()
        guard token.kind == .identifier else { throw error(token, expected: ["identifier"]) }
        return token.text
    }
}
