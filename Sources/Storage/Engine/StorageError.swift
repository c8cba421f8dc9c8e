/// A storage operation that could not be done, with InfluxDB's wording where clients see it.
public struct StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case databaseNotFound
        case retentionPolicyNotFound
        case corruptMeta
        case corruptFile
        case invalidArgument
        /// Writing to disk failed; the write was not acknowledged.
        case writeFailed
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    static func databaseNotFound(_ name: String) -> StorageError {
        StorageError(.databaseNotFound, "database not found: \(GoQuote.quote(name))")
    }
}

/// Go's `%q` for the names InfluxDB quotes in messages.
enum GoQuote {
    static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
