/// A query that does not parse: what was found, what was expected, and where, in InfluxDB's words:
/// `found EOF, expected FROM at line 1, char 14`.
public struct InfluxQLError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    /// Nil for the few errors InfluxDB reports without a place (`only ORDER BY time supported at this time`).
    public let position: SourcePosition?

    public init(message: String, position: SourcePosition?) {
        self.message = message
        self.position = position
    }

    init(found token: Token, expected: [String]) {
        var position = token.position
        if token.kind == .string {
            // InfluxDB 1.x places a string one character before its opening quote.
            position = SourcePosition(offset: position.offset, line: position.line, column: position.column - 1)
        }
        self.init(message: "found \(token.displayText), expected \(expected.joined(separator: ", "))", position: position)
    }

    public var description: String {
        guard let position else { return message }
        return "\(message) at line \(position.line), char \(position.column)"
    }
}
