/// Expressions: lambdas, binary operators by precedence, unary `-` and `!`, primaries, and chains.
extension TickParser {
    mutating func parseExpression() throws(TICKscriptError) -> TickExpression {
        if current.kind == .lambda {
            let start = advance()
            return TickExpression(.lambda(try parseBinary(minimumPrecedence: 0)), at: start.position)
        }
        return try parseBinary(minimumPrecedence: 0)
    }

    private mutating func parseBinary(minimumPrecedence: Int) throws(TICKscriptError) -> TickExpression {
        var left = try parseUnary()
        // Each operator of a chain (`a AND b AND c …`) adds a level to the tree it builds.
        var levels = 0
        defer { leave(levels: levels) }
        while case .operator(let op) = current.kind, let precedence = op.precedence, precedence >= minimumPrecedence {
            levels += 1
            try enter(at: advance())
            let right = try parseBinary(minimumPrecedence: precedence + 1)
            left = TickExpression(.binary(op, left, right), at: left.position)
        }
        return left
    }

    private mutating func parseUnary() throws(TICKscriptError) -> TickExpression {
        if case .operator(let op) = current.kind, op == .minus || op == .not {
            let start = advance()
            try enter(at: start)
            defer { leave() }
            return TickExpression(.unary(op, try parseUnary()), at: start.position)
        }
        return try parseChain(try parsePrimary())
    }

    /// Follows `|node(…)`, `.property(…)` / `.property` and `@udf(…)` links after an operand.
    private mutating func parseChain(_ base: TickExpression) throws(TICKscriptError) -> TickExpression {
        var expression = base
        var levels = 0
        defer { leave(levels: levels) }
        while case .punctuation(let character) = current.kind, let op = TickChainLink.Operator(rawValue: String(character)) {
            let start = advance()
            levels += 1
            try enter(at: start)
            let name = advance()
            guard name.kind == .identifier else { throw unexpected(name, expected: "a method name after \"\(op.rawValue)\"") }
            var arguments: [TickExpression]?
            if current.kind == .punctuation("(") {
                arguments = try parseArguments()
            } else if op != .property {
                throw unexpected(current, expected: "\"(\" after \(name.text)")
            }
            let link = TickChainLink(op: op, name: name.text, arguments: arguments, position: start.position)
            expression = TickExpression(.chain(expression, link), at: base.position)
        }
        return expression
    }

    private mutating func parseArguments() throws(TICKscriptError) -> [TickExpression] {
        try enter(at: advance())
        defer { leave() }
        var arguments: [TickExpression] = []
        if current.kind == .punctuation(")") {
            _ = advance()
            return arguments
        }
        while true {
            arguments.append(try parseExpression())
            let token = advance()
            if token.kind == .punctuation(")") { return arguments }
            guard token.kind == .punctuation(",") else { throw unexpected(token, expected: "\",\" or \")\"") }
        }
    }

    private mutating func parsePrimary() throws(TICKscriptError) -> TickExpression {
        let token = advance()
        let at = token.position
        switch token.kind {
        case .identifier:
            if current.kind == .punctuation("(") {
                return TickExpression(.call(name: token.text, arguments: try parseArguments()), at: at)
            }
            return TickExpression(.identifier(token.text), at: at)
        case .reference: return TickExpression(.reference(token.text), at: at)
        case .string: return TickExpression(.string(token.text), at: at)
        case .integer(let value): return TickExpression(.integer(value), at: at, literal: token.text)
        case .number(let value): return TickExpression(.number(value), at: at, literal: token.text)
        case .duration(let value): return TickExpression(.duration(value), at: at, literal: token.text)
        case .regex: return TickExpression(.regex(token.text), at: at)
        case .star: return TickExpression(.star, at: at)
        case .keyword(.true): return TickExpression(.boolean(true), at: at)
        case .keyword(.false): return TickExpression(.boolean(false), at: at)
        case .punctuation("("):
            try enter(at: token)
            defer { leave() }
            let inner = try parseExpression()
            _ = try expect(punctuation: ")", expected: "\")\"")
            return inner
        case .punctuation("["):
            try enter(at: token)
            defer { leave() }
            return TickExpression(.list(try parseListElements()), at: at)
        default:
            throw unexpected(token, expected: "an expression")
        }
    }

    /// `[ 'a', "b", * ]`, after the opening bracket.
    private mutating func parseListElements() throws(TICKscriptError) -> [TickExpression] {
        var elements: [TickExpression] = []
        if current.kind == .punctuation("]") {
            _ = advance()
            return elements
        }
        while true {
            elements.append(try parseExpression())
            let token = advance()
            if token.kind == .punctuation("]") { return elements }
            guard token.kind == .punctuation(",") else { throw unexpected(token, expected: "\",\" or \"]\"") }
        }
    }
}
