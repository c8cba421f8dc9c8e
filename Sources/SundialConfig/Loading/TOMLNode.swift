internal import TOMLKit

/// A parsed TOML value, detached from TOMLKit so the rest of the loader works on plain Swift values.
///
/// Tables keep their keys in document order so warnings and errors come out in the order a user reads the file.
indirect enum TOMLNode {
    case table([TOMLEntry])
    case array([TOMLNode])
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    /// Dates and times: Sundial's config has no key of these types, so only their text is kept for messages.
    case other(String)

    /// The value as a user would read it in an error message: strings quoted, tables summarised.
    var displayText: String {
        switch self {
        case .table: return "a table"
        case .array(let elements): return "[" + elements.map(\.displayText).joined(separator: ", ") + "]"
        case .string(let text): return TOMLLiteral.quoted(text)
        case .integer(let value): return String(value)
        case .float(let value): return String(value)
        case .boolean(let value): return String(value)
        case .other(let text): return text
        }
    }

    var tableEntries: [TOMLEntry]? {
        if case .table(let entries) = self { return entries }
        return nil
    }
}

/// One `key = value` of a table, in document order.
struct TOMLEntry {
    let key: String
    let value: TOMLNode
}

extension TOMLNode {
    /// Parses TOML text with TOMLKit; a syntax error comes back with its line and column.
    static func parseDocument(_ text: String) throws(ConfigSyntaxError) -> TOMLNode {
        if let (line, column, message) = TOMLPreflight.firstProblem(text) {
            throw ConfigSyntaxError(line: line, column: column, message: message)
        }
        do {
            return TOMLNode(TOMLValue(try TOMLTable(string: text)))
        } catch let error as TOMLParseError {
            throw ConfigSyntaxError(
                line: error.source.begin.line,
                column: error.source.begin.column,
                message: error.description
            )
        } catch {
            throw ConfigSyntaxError(line: 1, column: 1, message: "\(error)")
        }
    }

    private init(_ value: any TOMLValueConvertible) {
        switch value.type {
        case .table:
            let table = value.table!
            self = .table(table.keys.map { key in TOMLEntry(key: key, value: TOMLNode(table[key]!)) })
        case .array:
            self = .array(value.array!.map { TOMLNode($0) })
        case .string: self = .string(value.string!)
        case .int: self = .integer(value.int!)
        case .double: self = .float(value.double!)
        case .bool: self = .boolean(value.bool!)
        default: self = .other(value.debugDescription)
        }
    }
}

/// A TOML syntax error, positioned where TOMLKit found it.
struct ConfigSyntaxError: Error {
    let line: Int
    let column: Int
    let message: String
}
