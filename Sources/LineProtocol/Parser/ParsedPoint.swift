public import TimeSeries

/// One parsed line, as positions in the input buffer: nothing is copied or decoded beyond the numbers.
///
/// Valid only inside the parser's callback, since it points into the caller's buffer and the parser's scratch
/// space. Keys and string values are in their escaped form; `makePoint()` decodes an owned `Point`.
public struct ParsedPoint {
    /// The whole input the parser was given; every range below indexes into it.
    public let input: UnsafeBufferPointer<UInt8>
    /// 1-based line number of the line within the input.
    public let lineNumber: Int
    /// The measurement, escaped.
    public let measurement: Range<Int>
    /// Measurement and tags sorted by key, in escaped form: `cpu,host=a,region=b`. Identifies the series.
    public let seriesKey: UnsafeBufferPointer<UInt8>
    /// Sorted by key bytes, keys unique.
    public let tags: [ParsedTag]
    /// In input order; a key may repeat, and the last value wins.
    public let fields: [ParsedField]
    /// Nanoseconds since the epoch.
    public let timestamp: Int64

    public func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: input[range])
    }

    /// An owned copy with every key and string unescaped.
    public func makePoint() -> Point {
        Point(
            measurement: LineProtocolEscaping.unescapeMeasurement(bytes(measurement)),
            tags: tags.map { Tag(LineProtocolEscaping.unescapeKey(bytes($0.key)), LineProtocolEscaping.unescapeKey(bytes($0.value))) },
            fields: fields.map { Field(LineProtocolEscaping.unescapeKey(bytes($0.key)), fieldValue($0.value)) },
            timestamp: timestamp
        )
    }

    public func fieldValue(_ value: ParsedFieldValue) -> FieldValue {
        switch value {
        case .float(let number): .float(number)
        case .integer(let number): .integer(number)
        case .unsigned(let number): .unsigned(number)
        case .boolean(let flag): .boolean(flag)
        case .string(let range, let hasEscapes):
            .string(hasEscapes ? LineProtocolEscaping.unescapeString(bytes(range)) : String(decoding: bytes(range), as: UTF8.self))
        }
    }
}

/// A tag's key and value as escaped byte ranges.
public struct ParsedTag: Sendable, Hashable {
    public let key: Range<Int>
    public let value: Range<Int>
}

/// A field's escaped key range and its decoded value (strings stay a range until asked for).
public struct ParsedField: Sendable, Hashable {
    public let key: Range<Int>
    public let value: ParsedFieldValue
}

public enum ParsedFieldValue: Sendable, Hashable {
    case float(Double)
    case integer(Int64)
    case unsigned(UInt64)
    case boolean(Bool)
    /// The bytes between the quotes; `hasEscapes` when they hold `\"` or `\\` to decode.
    case string(Range<Int>, hasEscapes: Bool)

    public var type: FieldType {
        switch self {
        case .float: .float
        case .integer: .integer
        case .unsigned: .unsigned
        case .boolean: .boolean
        case .string: .string
        }
    }
}
