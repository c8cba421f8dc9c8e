/// A value for a `$name` placeholder, from the `/query` request's `params` JSON object.
public enum BoundParameter: Sendable, Equatable, Decodable {
    case string(String)
    case integer(Int64)
    case number(Double)
    case boolean(Bool)
    /// `{"regex": "a|b"}`.
    case regex(String)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) {
            self = .boolean(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let object = try? container.decode([String: String].self), let pattern = object["regex"] {
            self = .regex(pattern)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unsupported parameter value")
        }
    }

    /// The token the placeholder stands for, as if it had been written in the query.
    func token(at position: SourcePosition) -> Token {
        switch self {
        // Errors place a quoted string one character early, InfluxDB's way; a bound one has no quote to count.
        case .string(let text):
            Token(
                kind: .string, text: text,
                position: SourcePosition(offset: position.offset, line: position.line, column: position.column + 1))
        case .integer(let value): Token(kind: .integer, text: String(value), position: position)
        case .number(let value): Token(kind: .number, text: "\(value)", position: position)
        case .boolean(let value): Token(kind: .keyword(value ? .true : .false), text: value ? "true" : "false", position: position)
        case .regex(let pattern): Token(kind: .regex, text: pattern, position: position)
        }
    }
}
