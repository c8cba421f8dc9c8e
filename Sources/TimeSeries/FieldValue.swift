/// A field's value: InfluxDB's five field types.
public enum FieldValue: Sendable, Hashable {
    case float(Double)
    case integer(Int64)
    case unsigned(UInt64)
    case string(String)
    case boolean(Bool)

    /// The value as a number for arithmetic and aggregates; nil for strings and booleans.
    public var numericValue: Double? {
        switch self {
        case .float(let number): number
        case .integer(let number): Double(number)
        case .unsigned(let number): Double(number)
        case .string, .boolean: nil
        }
    }

    public var type: FieldType {
        switch self {
        case .float: .float
        case .integer: .integer
        case .unsigned: .unsigned
        case .string: .string
        case .boolean: .boolean
        }
    }
}

/// The type of a field, fixed per shard and measurement once the first value is stored.
public enum FieldType: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case float = 1
    case integer = 2
    case unsigned = 3
    case string = 4
    case boolean = 5

    /// The name InfluxDB uses in messages and `SHOW FIELD KEYS`: float, integer, unsigned, string, boolean.
    public var description: String {
        switch self {
        case .float: "float"
        case .integer: "integer"
        case .unsigned: "unsigned"
        case .string: "string"
        case .boolean: "boolean"
        }
    }
}
