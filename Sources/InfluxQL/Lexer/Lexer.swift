/// Turns InfluxQL text into tokens on demand. Regular expressions are read only when the parser asks
/// (`scanRegex`), because `/` is also division.
struct Lexer {
    private let bytes: [UInt8]
    private(set) var offset = 0
    private var line = 1
    /// Characters (Unicode scalars, as Go's scanner counts runes) between the line's start and `offset`; kept as
    /// the lexer moves, so a position costs nothing and lexing a long line stays linear.
    private var column = 0

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    var position: SourcePosition {
        SourcePosition(offset: offset, line: line, column: column + 1)
    }

    /// Moves back to the start of `token`, so it can be read again differently (as a regex).
    mutating func rewind(to token: Token) {
        offset = token.position.offset
        line = token.position.line
        column = token.position.column - 1
    }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        offset + ahead < bytes.count ? bytes[offset + ahead] : nil
    }

    private mutating func advance() {
        let byte = bytes[offset]
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 0
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
        offset += 1
    }

    mutating func next() -> Token {
        let beforeSpace = position
        skipWhitespaceAndComments()
        let start = position
        guard let byte = peek() else {
            // InfluxDB reports the end of the query one character past where its trailing white space begins.
            return Token(
                kind: .eof, text: "", position: SourcePosition(offset: start.offset, line: beforeSpace.line, column: beforeSpace.column + 1)
            )
        }
        if Self.isLetter(byte) || byte == UInt8(ascii: "_") { return scanWord(start) }
        if Self.isDigit(byte) || (byte == UInt8(ascii: ".") && peek(1).map(Self.isDigit) == true) { return scanNumber(start) }
        switch byte {
        case UInt8(ascii: "\""): return scanQuoted(start, quote: byte, kind: .identifier)
        case UInt8(ascii: "'"): return scanQuoted(start, quote: byte, kind: .string)
        case UInt8(ascii: "$"):
            advance()
            let name = scanWhile { Self.isLetter($0) || Self.isDigit($0) || $0 == UInt8(ascii: "_") }
            return Token(kind: .boundParameter, text: name, position: start)
        default: return scanOperator(start)
        }
    }

    /// Where a regex may start, InfluxDB skips white space only: `/*/` is a regex there, not a comment.
    private mutating func skipWhitespaceAndComments(comments: Bool = true) {
        while let byte = peek() {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                advance()
            } else if !comments {
                return
            } else if byte == UInt8(ascii: "-") && peek(1) == UInt8(ascii: "-") {
                while let next = peek(), next != UInt8(ascii: "\n") { advance() }
            } else if byte == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "*") {
                advance()
                advance()
                while peek() != nil && !(peek() == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/")) { advance() }
                if peek() != nil {
                    advance()
                    advance()
                }
            } else {
                return
            }
        }
    }

    private mutating func scanWord(_ start: SourcePosition) -> Token {
        let word = scanWhile { Self.isLetter($0) || Self.isDigit($0) || $0 == UInt8(ascii: "_") }
        if let keyword = Keyword(word: word) { return Token(kind: .keyword(keyword), text: word, position: start) }
        return Token(kind: .identifier, text: word, position: start)
    }

    /// Integers, decimals, and durations (an integer followed directly by units: `10s`, `1h30m`, `5µs`).
    private mutating func scanNumber(_ start: SourcePosition) -> Token {
        var text = scanWhile(Self.isDigit)
        var isDecimal = false
        if peek() == UInt8(ascii: ".") {
            isDecimal = true
            advance()
            text += "." + scanWhile(Self.isDigit)
        }
        if let next = peek(), Self.isLetter(next) || next == 0xC2 {
            let units = scanWhile { Self.isLetter($0) || Self.isDigit($0) || $0 == 0xC2 || $0 == 0xB5 }
            let literal = text + units
            guard !isDecimal, DurationLiteral.nanoseconds(literal) != nil else {
                return Token(kind: .illegal, text: "invalid duration", position: start)
            }
            return Token(kind: .duration, text: literal, position: start)
        }
        return Token(kind: isDecimal ? .number : .integer, text: text, position: start)
    }

    /// A double-quoted identifier or single-quoted string, with `\"` `\'` `\\` `\n` escapes; raw newlines end it badly.
    private mutating func scanQuoted(_ start: SourcePosition, quote: UInt8, kind: Token.Kind) -> Token {
        advance()
        var value: [UInt8] = []
        while let byte = peek() {
            advance()
            if byte == quote { return Token(kind: kind, text: String(decoding: value, as: UTF8.self), position: start) }
            if byte == UInt8(ascii: "\n") { break }
            if byte == UInt8(ascii: "\\") {
                guard let escaped = peek() else { break }
                advance()
                switch escaped {
                case UInt8(ascii: "n"): value.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): value.append(escaped)
                default: return Token(kind: .illegal, text: "bad escape", position: start)
                }
                continue
            }
            value.append(byte)
        }
        return Token(kind: .illegal, text: kind == .string ? "bad string" : "bad identifier", position: start)
    }

    private mutating func scanOperator(_ start: SourcePosition) -> Token {
        let byte = peek()!
        advance()
        let two = peek().map { String(decoding: [byte, $0], as: UTF8.self) }
        if let two, let op = Operator(rawValue: two) ?? (two == "<>" ? .notEqual : nil) {
            advance()
            return Token(kind: .operator(op), text: two, position: start)
        }
        let one = String(decoding: [byte], as: UTF8.self)
        if let op = Operator(rawValue: one) { return Token(kind: .operator(op), text: one, position: start) }
        if byte >= 0x80 {
            while let next = peek(), next & 0xC0 == 0x80 { advance() }
        }
        return Token(kind: .illegal, text: String(decoding: bytes[start.offset..<offset], as: UTF8.self), position: start)
    }

    /// Reads `/pattern/` at the current position (`\/` escapes a slash); the parser calls this where a regex may stand.
    mutating func scanRegex() -> Token {
        skipWhitespaceAndComments(comments: false)
        let start = position
        guard peek() == UInt8(ascii: "/") else { return next() }
        advance()
        var pattern: [UInt8] = []
        while let byte = peek() {
            advance()
            if byte == UInt8(ascii: "/") { return Token(kind: .regex, text: String(decoding: pattern, as: UTF8.self), position: start) }
            if byte == UInt8(ascii: "\n") { break }
            if byte == UInt8(ascii: "\\"), peek() == UInt8(ascii: "/") {
                advance()
                pattern.append(UInt8(ascii: "/"))
                continue
            }
            pattern.append(byte)
        }
        return Token(kind: .illegal, text: "bad regex", position: start)
    }

    private mutating func scanWhile(_ predicate: (UInt8) -> Bool) -> String {
        let start = offset
        while let byte = peek(), predicate(byte) { advance() }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
