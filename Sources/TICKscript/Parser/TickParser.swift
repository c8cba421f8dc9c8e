/// Parses TICKscript into statements: a recursive-descent parser over `TickLexer` tokens, with Kapacitor's
/// operator precedence. It knows no node or property names; checking them is `PipelineSpec`'s job.
public struct TickParser {
    private var tokens: [TickToken]
    private var index = 0
    /// How deep the expression being read nests (parentheses, calls, lists, operators, chain links). Binding,
    /// type checks, formatting and evaluation all walk the tree recursively, so its depth is bounded here.
    private var depth = 0
    public static let maximumDepth = 500

    public static func parse(_ text: String) throws(TICKscriptError) -> [TickStatement] {
        try parseProgram(text).statements
    }

    /// The statements with the script's comments, for formatting.
    public static func parseProgram(_ text: String) throws(TICKscriptError) -> TickProgram {
        let (tokens, comments) = TickLexer.tokensAndComments(text)
        var parser = TickParser(tokens: tokens)
        var statements: [TickStatement] = []
        var endLines: [Int] = []
        while parser.current.kind != .eof {
            statements.append(try parser.parseStatement())
            let last = parser.tokens[max(parser.index - 1, 0)]
            // A triple-quoted string can span lines: the statement ends where its last token does.
            endLines.append(last.position.line + last.text.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) })
        }
        return TickProgram(statements: statements, comments: comments, statementEndLines: endLines)
    }

    private init(tokens: [TickToken]) {
        self.tokens = tokens
    }

    var current: TickToken { tokens[index] }

    mutating func advance() -> TickToken {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    /// `levels` deeper into an expression; throws past `maximumDepth`. Pair with `leave(levels:)`.
    mutating func enter(levels: Int = 1, at token: TickToken) throws(TICKscriptError) {
        depth += levels
        guard depth <= Self.maximumDepth else {
            throw TICKscriptError("expression nested too deeply (more than \(Self.maximumDepth) levels)", at: token.position)
        }
    }

    mutating func leave(levels: Int = 1) {
        depth -= levels
    }

    func unexpected(_ token: TickToken, expected: String) -> TICKscriptError {
        if token.kind == .illegal { return TICKscriptError(token.text, at: token.position) }
        return TICKscriptError("unexpected \(token.display), expected \(expected)", at: token.position)
    }

    mutating func expect(punctuation character: Character, expected: String) throws(TICKscriptError) -> TickToken {
        let token = advance()
        guard token.kind == .punctuation(character) else { throw unexpected(token, expected: expected) }
        return token
    }

    private mutating func parseStatement() throws(TICKscriptError) -> TickStatement {
        let token = current
        switch token.kind {
        case .keyword(.var): return try parseVariable()
        case .keyword(.dbrp):
            _ = advance()
            let database = try parseReference(expected: "a quoted database name (\"db\")")
            _ = try expect(punctuation: ".", expected: "\".\" between database and retention policy")
            let policy = try parseReference(expected: "a quoted retention policy name (\"rp\")")
            return .dbrp(database: database, retentionPolicy: policy, position: token.position)
        default:
            return .expression(try parseExpression())
        }
    }

    private mutating func parseVariable() throws(TICKscriptError) -> TickStatement {
        let start = advance()
        let nameToken = advance()
        guard nameToken.kind == .identifier else { throw unexpected(nameToken, expected: "a variable name") }
        if current.kind == .punctuation("=") {
            _ = advance()
            return .variable(name: nameToken.text, value: try parseExpression(), position: start.position)
        }
        let typeToken = advance()
        guard typeToken.kind == .identifier, let type = TickVariableType(rawValue: typeToken.text) else {
            let types = TickVariableType.allCases.map(\.rawValue).joined(separator: ", ")
            throw unexpected(typeToken, expected: "\"=\" or a type (\(types))")
        }
        return .templateVariable(name: nameToken.text, type: type, position: start.position)
    }

    private mutating func parseReference(expected: String) throws(TICKscriptError) -> String {
        let token = advance()
        guard token.kind == .reference else { throw unexpected(token, expected: expected) }
        return token.text
    }
}
