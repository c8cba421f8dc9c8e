import RE2Regex

/// A recursive-descent InfluxQL parser with InfluxDB's error messages and positions.
///
/// `Parser.parse(_:)` reads every `;`-separated statement of a query; empty statements are skipped.
public struct Parser {
    var lexer: Lexer
    private var lookahead: Token?
    /// The token `next()` returned last, for errors that point back at it.
    private(set) var previous: Token?
    /// Values for `$name` placeholders; each stands for its value's token wherever it appears.
    let parameters: [String: BoundParameter]
    /// How deep the expression being read nests (parentheses, calls, chained operators) and how many subqueries
    /// enclose it. Every later stage walks the syntax tree recursively, so its depth is bounded here, where the
    /// query's text is still the only cost (InfluxDB has no limit; 6,000 parentheses fit in a GET).
    var expressionDepth = 0
    var subqueryDepth = 0
    public static let maximumExpressionDepth = 500
    public static let maximumSubqueryDepth = 32

    public init(_ text: String, parameters: [String: BoundParameter] = [:]) {
        lexer = Lexer(text)
        self.parameters = parameters
    }

    /// Parses a whole query into its statements; the first error stops the parse. A `$name` without a value in
    /// `parameters` is `missing parameter: name`.
    public static func parse(_ text: String, parameters: [String: BoundParameter] = [:]) throws(InfluxQLError) -> [Statement] {
        var parser = Parser(text, parameters: parameters)
        var statements: [Statement] = []
        while true {
            while parser.consume(.operator(.semicolon)) {}
            if parser.peek().kind == .eof { return statements }
            statements.append(try parser.parseStatement())
            let next = parser.peek()
            if next.kind != .eof && next.kind != .operator(.semicolon) {
                throw InfluxQLError(found: next, expected: [";"])
            }
        }
    }

    /// The expression at the start of `text`; what follows it is left unread, as InfluxDB's `ParseExpr` leaves it
    /// (Chronograf reads a query's time range from everything after `WHERE`, GROUP BY included).
    public static func parseLeadingExpression(_ text: String) throws(InfluxQLError) -> Expression {
        var parser = Parser(text)
        return try parser.parseExpression()
    }

    static let statementStarters = ["SELECT", "DELETE", "SHOW", "CREATE", "DROP", "EXPLAIN", "GRANT", "REVOKE", "ALTER", "SET", "KILL"]

    mutating func parseStatement() throws(InfluxQLError) -> Statement {
        let token = next()
        switch token.kind {
        case .keyword(.create): return try parseCreate()
        case .keyword(.drop): return try parseDrop()
        case .keyword(.show): return try parseShow()
        case .keyword(.alter): return try parseAlter()
        case .keyword(.delete): return try parseDelete()
        case .keyword(.select): return try parseSelect()
        case .keyword(.explain):
            let analyze = consume(.keyword(.analyze))
            let token = next()
            guard token.kind == .keyword(.select), case .select(let select) = try parseSelect() else {
                throw error(token, expected: ["SELECT"])
            }
            return .explain(select, analyze: analyze)
        case .keyword(.grant): return try parseGrant()
        case .keyword(.revoke): return try parseRevoke()
        case .keyword(.set): return try parseSetPassword()
        case .keyword(.kill):
            try expect(.query)
            let token = next()
            guard token.kind == .integer, let id = UInt64(token.text) else { throw error(token, expected: ["integer"]) }
            if consume(.keyword(.on)) { _ = try parseIdentifier() }
            return .killQuery(id: id)
        case .illegal: throw InfluxQLError(message: token.text, position: token.position)
        default: throw InfluxQLError(found: token, expected: Self.statementStarters)
        }
    }

    // MARK: Tokens

    mutating func peek() -> Token {
        if let lookahead { return lookahead }
        let token = bind(lexer.next())
        lookahead = token
        return token
    }

    /// A `$name` placeholder replaced by its value's token, when the request gave one.
    private func bind(_ token: Token) -> Token {
        guard token.kind == .boundParameter, let value = parameters[token.text] else { return token }
        return value.token(at: token.position)
    }

    mutating func next() -> Token {
        let token = peek()
        lookahead = nil
        previous = token
        return token
    }

    /// Reads a regex where the next token starts, even if it was already looked at as `/`.
    mutating func scanRegex() -> Token {
        if let token = lookahead {
            lexer.rewind(to: token)
            lookahead = nil
        }
        return bind(lexer.scanRegex())
    }

    /// The next token as a regex literal's pattern, compiled as InfluxDB's parser compiles it, so that a pattern Go
    /// refuses is a parse error placed where InfluxDB places it: one character before the opening slash.
    mutating func regexPattern() throws(InfluxQLError) -> String {
        let token = scanRegex()
        if token.kind == .boundParameter { throw InfluxQLError(message: "missing parameter: \(token.text)", position: nil) }
        guard token.kind == .regex else { throw error(token, expected: ["regex"]) }
        return try Self.checkedPattern(token)
    }

    static func checkedPattern(_ token: Token) throws(InfluxQLError) -> String {
        do {
            _ = try RE2Regex(token.text)
        } catch {
            let position = token.position
            throw InfluxQLError(
                message: "\(error)",
                position: SourcePosition(offset: max(position.offset - 1, 0), line: position.line, column: position.column - 1))
        }
        return token.text
    }

    /// Consumes the next token if it is `kind`.
    mutating func consume(_ kind: Token.Kind) -> Bool {
        guard peek().kind == kind else { return false }
        lookahead = nil
        return true
    }

    mutating func expect(_ keyword: Keyword) throws(InfluxQLError) {
        let token = next()
        guard token.kind == .keyword(keyword) else { throw error(token, expected: [keyword.rawValue]) }
    }

    /// An identifier: unquoted, double-quoted, or one of the keywords InfluxDB accepts as a name where a name is
    /// expected (none yet besides what callers pass).
    mutating func parseIdentifier() throws(InfluxQLError) -> String {
        let token = next()
        guard token.kind == .identifier else { throw error(token, expected: ["identifier"]) }
        return token.text
    }

    mutating func parseDuration() throws(InfluxQLError) -> Int64 {
        let token = next()
        guard token.kind == .duration, let nanoseconds = DurationLiteral.nanoseconds(token.text) else {
            throw error(token, expected: ["duration"])
        }
        return nanoseconds
    }

    mutating func parseInteger() throws(InfluxQLError) -> Int {
        let token = next()
        guard token.kind == .integer, let value = Int(token.text) else { throw error(token, expected: ["integer"]) }
        return value
    }

    /// The count after `LIMIT`, `OFFSET`, `SLIMIT` or `SOFFSET`; a negative one (a bound parameter can give one) is
    /// InfluxDB's `LIMIT must be >= 0`.
    mutating func parseCount(after keyword: Keyword) throws(InfluxQLError) -> Int {
        let token = peek()
        let value = try parseInteger()
        guard value >= 0 else { throw InfluxQLError(message: "\(keyword.rawValue) must be >= 0", position: token.position) }
        return value
    }

    /// One level deeper into an expression; throws past `maximumExpressionDepth`. Pair with `leaveExpression()`.
    mutating func enterExpression(at token: Token) throws(InfluxQLError) {
        expressionDepth += 1
        guard expressionDepth <= Self.maximumExpressionDepth else {
            throw InfluxQLError(
                message: "expression nested too deeply (more than \(Self.maximumExpressionDepth) levels)", position: token.position)
        }
    }

    mutating func leaveExpression(levels: Int = 1) {
        expressionDepth -= levels
    }

    /// Illegal tokens report their own problem; anything else is "found X, expected Y".
    func error(_ token: Token, expected: [String]) -> InfluxQLError {
        if token.kind == .illegal { return InfluxQLError(message: token.text, position: token.position) }
        return InfluxQLError(found: token, expected: expected)
    }
}
