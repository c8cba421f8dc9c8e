/// A TICKscript that does not lex or parse, with where: `3:14: unexpected ")", expected an expression`.
public struct TICKscriptError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public let position: TickPosition

    public init(_ message: String, at position: TickPosition) {
        self.message = message
        self.position = position
    }

    public var description: String { "\(position.line):\(position.column): \(message)" }
}

/// A place in a script: byte offset and 1-based line and column (in characters).
public struct TickPosition: Sendable, Equatable, Comparable, CustomStringConvertible {
    public let offset: Int
    public let line: Int
    public let column: Int

    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    public static func < (lhs: TickPosition, rhs: TickPosition) -> Bool { lhs.offset < rhs.offset }

    public var description: String { "\(line):\(column)" }
}
