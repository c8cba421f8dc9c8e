/// A query that does not parse: what was found, what was expected, and where, in InfluxDB's words:
/// `found EOF, expected FROM at line 1, char 14`.
public struct InfluxQLError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public let position: SourcePosition

    public init(message: String, position: SourcePosition) {
        self.message = message
        self.position = position
    }

    init(found token: Token, expected: [String]) {
        self.init(message: "found \(token.displayText), expected \(expected.joined(separator: ", "))", position: token.position)
    }

    public var description: String { "\(message) at line \(position.line), char \(position.column)" }
}
