/// Turns TICKscript text into tokens with positions. Whether `/` starts a regex and `*` is a star depends on the
/// token before: after an operand they divide and multiply, as in Kapacitor's lexer.
struct TickLexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1
    private var previous: TickToken?
    /// `//` comments in order; the parser ignores them, the formatter puts them back.
    private(set) var comments: [TickComment] = []

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    private var position: TickPosition { TickPosition(offset: index, line: line, column: column) }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        index + ahead < scalars.count ? scalars[index + ahead] : nil
    }

    private mutating func advance() {
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    /// Unicode letters, with ASCII decided without a property lookup (most scripts are ASCII; lookups are slow).
    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) }
        return scalar.properties.isAlphabetic
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar.value == 0x0B || scalar.value == 0x0C
        }
        return scalar.properties.isWhitespace
    }

    /// Every token of the script, ending with `.eof`.
    static func tokens(_ text: String) -> [TickToken] { tokensAndComments(text).tokens }

    static func tokensAndComments(_ text: String) -> (tokens: [TickToken], comments: [TickComment]) {
        var lexer = TickLexer(text)
        var tokens: [TickToken] = []
        while true {
            let token = lexer.next()
            tokens.append(token)
            if token.kind == .eof || token.kind == .illegal { return (tokens, lexer.comments) }
        }
    }

    mutating func next() -> TickToken {
        skipSpaceAndComments()
        let start = position
        let token = scan(start)
        previous = token
        return token
    }

    private mutating func scan(_ start: TickPosition) -> TickToken {
        guard let scalar = peek() else { return TickToken(kind: .eof, text: "", position: start) }
        if Self.isLetter(scalar) || scalar == "_" { return scanWord(start) }
        if ("0"..."9").contains(scalar)
            || (scalar == "." && peek(1).map { ("0"..."9").contains($0) } == true && !(previous?.endsOperand ?? false))
        {
            return scanNumber(start)
        }
        switch scalar {
        case "'": return scanString(start)
        case "\"": return scanReference(start)
        case "/" where !(previous?.endsOperand ?? false): return scanRegex(start)
        case "*" where !(previous?.endsOperand ?? false):
            advance()
            return TickToken(kind: .star, text: "*", position: start)
        case "(", ")", "[", "]", ",", "|", ".", "@":
            advance()
            return TickToken(kind: .punctuation(Character(scalar)), text: String(scalar), position: start)
        default: return scanOperator(start)
        }
    }

    private mutating func skipSpaceAndComments() {
        while let scalar = peek() {
            if Self.isSpace(scalar) {
                advance()
            } else if scalar == "/" && peek(1) == "/" {
                let start = position
                advance()
                advance()
                var text = ""
                while let next = peek(), next != "\n" {
                    text.unicodeScalars.append(next)
                    advance()
                }
                comments.append(TickComment(text: text, position: start))
            } else {
                return
            }
        }
    }

    private mutating func scanWord(_ start: TickPosition) -> TickToken {
        var word = ""
        while let scalar = peek(), Self.isLetter(scalar) || scalar == "_" || ("0"..."9").contains(scalar) {
            word.unicodeScalars.append(scalar)
            advance()
        }
        if word == "lambda" && peek() == ":" {
            advance()
            return TickToken(kind: .lambda, text: "lambda:", position: start)
        }
        if let keyword = TickKeyword(rawValue: word) {
            switch keyword {
            case .and: return TickToken(kind: .operator(.and), text: word, position: start)
            case .or: return TickToken(kind: .operator(.or), text: word, position: start)
            default: return TickToken(kind: .keyword(keyword), text: word, position: start)
            }
        }
        return TickToken(kind: .identifier, text: word, position: start)
    }

    /// Integers (a leading 0 means octal, as in Kapacitor), decimals, and durations: an integer directly followed by
    /// one unit `u µ ms s m h d w`.
    private mutating func scanNumber(_ start: TickPosition) -> TickToken {
        var text = ""
        while let scalar = peek(), ("0"..."9").contains(scalar) || scalar == "." {
            text.unicodeScalars.append(scalar)
            advance()
        }
        var unit = ""
        // Digits after the unit are taken in too, so a compound like 1h30m is reported whole as invalid.
        while let scalar = peek(), Self.isLetter(scalar) || scalar == "µ" || (!unit.isEmpty && ("0"..."9").contains(scalar)) {
            unit.unicodeScalars.append(scalar)
            advance()
        }
        let literal = text + unit
        if !unit.isEmpty {
            let sizes: [String: Int64] = [
                "u": 1000, "µ": 1000, "ms": 1_000_000, "s": 1_000_000_000, "m": 60_000_000_000, "h": 3_600_000_000_000,
                "d": 86_400_000_000_000, "w": 604_800_000_000_000,
            ]
            guard !text.contains("."), let size = sizes[unit], let count = Int64(text) else {
                return TickToken(kind: .illegal, text: "invalid duration \(literal)", position: start)
            }
            let (value, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow else { return TickToken(kind: .illegal, text: "duration \(literal) is too large", position: start) }
            return TickToken(kind: .duration(value), text: literal, position: start)
        }
        if text.filter({ $0 == "." }).count > 1 { return TickToken(kind: .illegal, text: "invalid number \(text)", position: start) }
        if text.contains(".") {
            guard let value = Double(text) else { return TickToken(kind: .illegal, text: "invalid number \(text)", position: start) }
            return TickToken(kind: .number(value), text: text, position: start)
        }
        let isOctal = text.count > 1 && text.hasPrefix("0")
        guard let value = Int64(isOctal ? String(text.dropFirst()) : text, radix: isOctal ? 8 : 10) else {
            return TickToken(kind: .illegal, text: "invalid number \(text)", position: start)
        }
        return TickToken(kind: .integer(value), text: text, position: start)
    }

    /// `'…'` with `\'` as its only escape, or `'''…'''` taken as is, across lines.
    private mutating func scanString(_ start: TickPosition) -> TickToken {
        if peek(1) == "'" && peek(2) == "'" {
            for _ in 0..<3 { advance() }
            var value = ""
            while peek() != nil {
                if peek() == "'" && peek(1) == "'" && peek(2) == "'" {
                    for _ in 0..<3 { advance() }
                    return TickToken(kind: .string, text: value, position: start)
                }
                value.unicodeScalars.append(peek()!)
                advance()
            }
            return TickToken(kind: .illegal, text: "unterminated triple-quoted string", position: start)
        }
        advance()
        var value = ""
        while let scalar = peek() {
            advance()
            if scalar == "'" { return TickToken(kind: .string, text: value, position: start) }
            if scalar == "\\" && peek() == "'" {
                advance()
                value.append("'")
                continue
            }
            if scalar == "\n" { break }
            value.unicodeScalars.append(scalar)
        }
        return TickToken(kind: .illegal, text: "unterminated string", position: start)
    }

    private mutating func scanReference(_ start: TickPosition) -> TickToken {
        advance()
        var value = ""
        while let scalar = peek() {
            advance()
            if scalar == "\"" { return TickToken(kind: .reference, text: value, position: start) }
            if scalar == "\\" && peek() == "\"" {
                advance()
                value.append("\"")
                continue
            }
            if scalar == "\n" { break }
            value.unicodeScalars.append(scalar)
        }
        return TickToken(kind: .illegal, text: "unterminated reference", position: start)
    }

    private mutating func scanRegex(_ start: TickPosition) -> TickToken {
        advance()
        var pattern = ""
        while let scalar = peek() {
            advance()
            if scalar == "/" { return TickToken(kind: .regex, text: pattern, position: start) }
            if scalar == "\\" && peek() == "/" {
                advance()
                pattern.append("/")
                continue
            }
            if scalar == "\n" { break }
            pattern.unicodeScalars.append(scalar)
        }
        return TickToken(kind: .illegal, text: "unterminated regex", position: start)
    }

    private mutating func scanOperator(_ start: TickPosition) -> TickToken {
        let first = peek()!
        advance()
        if let second = peek(), let op = TickOperator(rawValue: String(first) + String(second)) {
            advance()
            return TickToken(kind: .operator(op), text: op.rawValue, position: start)
        }
        if first == "=" { return TickToken(kind: .punctuation("="), text: "=", position: start) }
        if let op = TickOperator(rawValue: String(first)) { return TickToken(kind: .operator(op), text: op.rawValue, position: start) }
        return TickToken(kind: .illegal, text: "unexpected character \(String(first).debugDescription)", position: start)
    }
}
