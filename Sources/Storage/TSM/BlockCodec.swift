import Compression
import TimeSeries
import WriteAheadLog

/// One block of a TSM file: up to `maximumPoints` time-sorted values of one series field, compressed.
///
/// Layout: CRC-32C of the rest (4 bytes), type (1), count (4), timestamps length (varint), the timestamp block,
/// the value block (encodings in `Compression`).
enum BlockCodec {
    static let maximumPoints = 1000

    static func encode(_ column: FieldColumn) -> [UInt8] {
        var body = BinaryWriter()
        body.append(column.type.rawValue)
        body.append(UInt32(column.count))
        var timestamps: [UInt8] = []
        column.times.withUnsafeBufferPointer { TimestampBlock.encode($0, to: &timestamps) }
        body.appendBytes(timestamps)
        switch column.values {
        case .floats(let values): values.withUnsafeBufferPointer { FloatBlock.encode($0, to: &body.bytes) }
        case .integers(let values): values.withUnsafeBufferPointer { IntegerBlock.encode($0, to: &body.bytes) }
        case .unsigneds(let values): values.withUnsafeBufferPointer { IntegerBlock.encode($0, to: &body.bytes) }
        case .booleans(let values): values.withUnsafeBufferPointer { BooleanBlock.encode($0, to: &body.bytes) }
        case .strings(let values): StringBlock.encode(values, to: &body.bytes)
        }
        var block = BinaryWriter()
        block.append(body.bytes.withUnsafeBytes { CRC32C.checksum($0) })
        block.bytes.append(contentsOf: body.bytes)
        return block.bytes
    }

    /// The block's values; with `upTo`, only those at or before that time for numbers (their encodings decode from
    /// the front, so a read of the block's start stops early instead of decoding all of it). `verifyChecksum: false`
    /// for a block of an immutable file already verified once.
    static func decode(_ bytes: [UInt8], context: String, upTo bound: Int64 = .max, verifyChecksum: Bool = true) throws -> FieldColumn {
        var reader = BinaryReader(bytes, context: context)
        let checksum = try reader.read(UInt32.self)
        if verifyChecksum {
            let actual = bytes.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[4...])) }
            guard checksum == actual else { throw StorageError(.corruptFile, "\(context): block checksum mismatch") }
        }
        guard let type = FieldType(rawValue: try reader.readByte()) else {
            throw StorageError(.corruptFile, "\(context): unknown block type")
        }
        let count = Int(try reader.read(UInt32.self))
        let timestampBytes = try reader.readBytes()
        let valueBytes = try reader.readBytes(count: bytes.count - reader.offset)
        do {
            // Numbers decode from the front, so only the values up to `bound` (and their times) are needed.
            let isNumeric = [.float, .integer, .unsigned].contains(type)
            var times: [Int64] = []
            times.reserveCapacity(min(count, 1 << 20))  // the count is the block's word: never reserve gigabytes for it
            try Array(timestampBytes).withUnsafeBytes {
                try TimestampBlock.decode($0, count: count, into: &times, upTo: isNumeric ? bound : .max)
            }
            return FieldColumn(type: type, times: times, values: try decodeValues(Array(valueBytes), type: type, count: times.count))
        } catch let error as CompressionError {
            throw StorageError(.corruptFile, "\(context): \(error)")
        }
    }

    private static func decodeValues(_ bytes: [UInt8], type: FieldType, count: Int) throws -> FieldColumn.Values {
        try bytes.withUnsafeBytes { raw in
            switch type {
            case .float:
                var values: [Double] = []
                try FloatBlock.decode(raw, count: count, into: &values)
                return .floats(values)
            case .integer:
                var values: [Int64] = []
                try IntegerBlock.decode(raw, count: count, into: &values)
                return .integers(values)
            case .unsigned:
                var values: [UInt64] = []
                try IntegerBlock.decode(raw, count: count, into: &values)
                return .unsigneds(values)
            case .boolean:
                var values: [Bool] = []
                try BooleanBlock.decode(raw, count: count, into: &values)
                return .booleans(values)
            case .string:
                var values: [String] = []
                try StringBlock.decode(raw, count: count, into: &values)
                return .strings(values)
            }
        }
    }
}

/// What a TSM index says about one block: its time range, where it is, and statistics that let aggregates over
/// whole blocks skip decoding them. `minimum`, `maximum`, `sum`, `first` and `last` hold the bit patterns of the
/// field's type (Double for floats, Int64 / UInt64 for integers, 0 or 1 for booleans as first and last; zero
/// otherwise). `first` and `last` (the values at `minTime` and `maxTime`) are nil in files of format version 1.
public struct BlockMeta: Sendable, Equatable {
    public let minTime: Int64
    public let maxTime: Int64
    let offset: UInt64
    let size: UInt32
    public let count: UInt32
    public let minimum: UInt64
    public let maximum: UInt64
    public let sum: UInt64
    public let first: UInt64?
    public let last: UInt64?

    static func statistics(of column: FieldColumn) -> (minimum: UInt64, maximum: UInt64, sum: UInt64) {
        switch column.values {
        case .floats(let values):
            let finite = values
            return (
                (finite.min() ?? 0).bitPattern, (finite.max() ?? 0).bitPattern, finite.reduce(0, +).bitPattern
            )
        case .integers(let values):
            return (
                UInt64(bitPattern: values.min() ?? 0), UInt64(bitPattern: values.max() ?? 0),
                UInt64(bitPattern: values.reduce(0, &+))
            )
        case .unsigneds(let values):
            return (values.min() ?? 0, values.max() ?? 0, values.reduce(0, &+))
        case .booleans, .strings:
            return (0, 0, 0)
        }
    }

    /// The bit patterns of a non-empty column's first and last values.
    static func ends(of column: FieldColumn) -> (first: UInt64, last: UInt64) {
        switch column.values {
        case .floats(let values): (values.first!.bitPattern, values.last!.bitPattern)
        case .integers(let values): (UInt64(bitPattern: values.first!), UInt64(bitPattern: values.last!))
        case .unsigneds(let values): (values.first!, values.last!)
        case .booleans(let values): (values.first! ? 1 : 0, values.last! ? 1 : 0)
        case .strings: (0, 0)
        }
    }
}
