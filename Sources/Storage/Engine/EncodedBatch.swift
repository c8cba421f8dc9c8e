import LineProtocol
import TimeSeries

/// A parsed batch copied into one byte arena, in WAL point encoding, before the engine's lock is taken: parsing
/// and copying run concurrently across requests, and validation under the lock only looks things up.
///
/// Each point's bytes are exactly its WAL encoding (`WALRecord`), so the record of the accepted points is a
/// concatenation of arena ranges.
struct EncodedBatch {
    struct PointEntry {
        /// The point's whole WAL encoding in the arena.
        var record: Range<Int>
        /// The escaped series key in the arena.
        var seriesKey: Range<Int>
        /// Where the measurement ends inside the series key (relative to its start).
        var measurementLength: Int
        /// Which of the batch's distinct series this point belongs to (an index into `seriesCount`'s range).
        var seriesSlot: Int
        var timestamp: Int64
        /// Its fields: `fields[firstField ..< firstField + fieldCount]`.
        var firstField: Int
        var fieldCount: Int
        /// Set when InfluxDB's rules for the reserved key `time` drop the point.
        var dropReason: String?
    }

    struct FieldEntry {
        /// The escaped field key in the arena.
        var key: Range<Int>
        var value: FieldValue
    }

    private(set) var arena = BinaryWriter()
    private(set) var points: [PointEntry] = []
    private(set) var fields: [FieldEntry] = []
    private(set) var parseErrors: [LineProtocolError] = []
    /// The batch's distinct series keys, numbered in order of first appearance: validation then looks each series up
    /// in the index once per batch, not once per point, and the cache is filled series by series.
    private var seriesSlots = ByteKeyTable(capacity: 256)
    var seriesCount: Int { seriesSlots.count }
    private static let timeKey = Array("time".utf8)

    /// Parses `body`; every good line becomes a point entry.
    init(_ body: [UInt8], precision: Precision, defaultTimestamp: Int64) {
        arena.bytes.reserveCapacity(body.count + body.count / 4)
        var parser = LineProtocolParser()
        body.withUnsafeBufferPointer { buffer in
            parser.parse(
                buffer, precision: precision, defaultTimestamp: defaultTimestamp,
                onPoint: { add($0) },
                onError: { parseErrors.append($0) }
            )
        }
    }

    func bytes(_ range: Range<Int>) -> ArraySlice<UInt8> {
        arena.bytes[range]
    }

    private mutating func add(_ point: ParsedPoint) {
        let start = arena.bytes.count
        arena.appendVarint(UInt64(point.seriesKey.count))
        let keyStart = arena.bytes.count
        arena.bytes.append(contentsOf: point.seriesKey)
        let keyRange = keyStart..<arena.bytes.count
        let seriesKey = UnsafeRawBufferPointer(point.seriesKey)
        let seriesSlot = seriesSlots.find(seriesKey) ?? seriesSlots.count
        if seriesSlot == seriesSlots.count { seriesSlots.insert(seriesKey, value: seriesSlot) }
        arena.appendSignedVarint(point.timestamp)
        let isTimeField = { (field: ParsedField) in point.bytes(field.key).elementsEqual(Self.timeKey) }
        let kept = point.fields.count - point.fields.reduce(0) { $0 + (isTimeField($1) ? 1 : 0) }
        arena.appendVarint(UInt64(kept))
        let firstField = fields.count
        for field in point.fields where !isTimeField(field) {
            arena.appendVarint(UInt64(field.key.count))
            let fieldKeyStart = arena.bytes.count
            arena.bytes.append(contentsOf: point.bytes(field.key))
            let value = point.fieldValue(field.value)
            WALWriteBuilder.appendValue(value, to: &arena)
            fields.append(FieldEntry(key: fieldKeyStart..<fieldKeyStart + field.key.count, value: value))
        }
        points.append(
            PointEntry(
                record: start..<arena.bytes.count, seriesKey: keyRange, measurementLength: point.measurement.count, seriesSlot: seriesSlot,
                timestamp: point.timestamp, firstField: firstField, fieldCount: kept, dropReason: Self.reservedTimeKey(point, kept: kept)
            )
        )
    }

    /// InfluxDB reserves `time`: as a tag key it drops the point, as the only field too; next to other fields it
    /// is silently left out (above).
    private static func reservedTimeKey(_ point: ParsedPoint, kept: Int) -> String? {
        let isTagKey = point.tags.contains { point.bytes($0.key).elementsEqual(timeKey) }
        guard isTagKey || kept == 0 else { return nil }
        let measurement = GoQuote.quote(LineProtocolEscaping.unescapeMeasurement(point.bytes(point.measurement)))
        return isTagKey
            ? "invalid tag key: input tag \"time\" on measurement \(measurement) is invalid"
            : "invalid field name: input field \"time\" on measurement \(measurement) is invalid"
    }
}
