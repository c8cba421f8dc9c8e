public import TimeSeries

/// A piece of a series field's values over a time range, in time order: decoded values, or a whole TSM block
/// described by its index statistics — given only when no other data (another file, the cache, a delete) touches
/// the block's time range, so its statistics are exactly what decoding it would give.
public enum CursorChunk: Sendable, Equatable {
    case values(FieldColumn)
    case block(BlockSummary)

    public var minTime: Int64 {
        switch self {
        case .values(let column): column.times.first ?? Int64.max
        case .block(let summary): summary.minTime
        }
    }
}

/// What a TSM block holds, from the file's index: no decoding needed for count, sum, min, max or mean.
public struct BlockSummary: Sendable, Equatable {
    public let type: FieldType
    public let minTime: Int64
    public let maxTime: Int64
    public let count: Int
    /// Nil for strings and booleans, which keep no statistics.
    public let minimum: FieldValue?
    public let maximum: FieldValue?
    public let sum: FieldValue?
    /// The values at `minTime` and `maxTime`; nil for strings, and for blocks of files written before they were kept.
    public let first: FieldValue?
    public let last: FieldValue?

    init(type: FieldType, meta: BlockMeta) {
        self.type = type
        minTime = meta.minTime
        maxTime = meta.maxTime
        count = Int(meta.count)
        first = meta.first.flatMap { Self.value($0, type) }
        last = meta.last.flatMap { Self.value($0, type) }
        switch type {
        case .float:
            minimum = .float(Double(bitPattern: meta.minimum))
            maximum = .float(Double(bitPattern: meta.maximum))
            sum = .float(Double(bitPattern: meta.sum))
        case .integer:
            minimum = .integer(Int64(bitPattern: meta.minimum))
            maximum = .integer(Int64(bitPattern: meta.maximum))
            sum = .integer(Int64(bitPattern: meta.sum))
        case .unsigned:
            minimum = .unsigned(meta.minimum)
            maximum = .unsigned(meta.maximum)
            sum = .unsigned(meta.sum)
        case .boolean, .string:
            minimum = nil
            maximum = nil
            sum = nil
        }
    }

    /// A stored bit pattern as a value of `type`.
    static func value(_ bits: UInt64, _ type: FieldType) -> FieldValue? {
        switch type {
        case .float: .float(Double(bitPattern: bits))
        case .integer: .integer(Int64(bitPattern: bits))
        case .unsigned: .unsigned(bits)
        case .boolean: .boolean(bits != 0)
        case .string: nil
        }
    }
}
