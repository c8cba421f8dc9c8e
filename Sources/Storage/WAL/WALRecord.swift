import TimeSeries

/// What the storage engine writes to its write-ahead log: accepted writes, and changes that must replay in order
/// with them (dropping a database, so a recreated database never gets the old data back).
///
/// Layout: one byte kind. A write: database name (varint length + UTF-8), its incarnation (varint), retention
/// policy name, point count
/// (varint), then per point the escaped series key (varint length + bytes), the time (ZigZag varint), the field
/// count (varint) and per field its escaped key, a type byte (`FieldType` raw value) and the value (float: 8 bytes
/// big-endian bits; integer: ZigZag varint; unsigned: varint; boolean: 1 byte; string: varint length + UTF-8), and
/// last the policy's incarnation (varint; absent in records from before policies had one, read as 0).
/// A drop: the database name and incarnation. A delete: database name, incarnation, min and max time (ZigZag
/// varints), a flag byte (1 when the series leave the index), the series count and each escaped series key. A shard
/// drop: database name and incarnation, retention policy name and incarnation, the group's start and end (ZigZag).
enum WALRecord {
    case write(WALWrite)
    case dropDatabase(String, incarnation: Int)
    case delete(WALDelete)
    case dropShardGroup(WALShardGroupDrop)

    static let writeKind: UInt8 = 1
    static let dropDatabaseKind: UInt8 = 2
    static let deleteKind: UInt8 = 3
    static let dropShardGroupKind: UInt8 = 4

    static func encodeDropDatabase(_ name: String, incarnation: Int) -> [UInt8] {
        var writer = BinaryWriter()
        writer.append(dropDatabaseKind)
        writer.appendBytes(Array(name.utf8))
        writer.appendVarint(UInt64(incarnation))
        return writer.bytes
    }

    static func decode(_ bytes: [UInt8]) throws -> WALRecord {
        var reader = BinaryReader(bytes, context: "WAL record")
        switch try reader.readByte() {
        case writeKind: return .write(try WALWrite(decoding: &reader))
        case dropDatabaseKind:
            let name = String(decoding: try reader.readBytes(), as: UTF8.self)
            return .dropDatabase(name, incarnation: try reader.readInt())
        case deleteKind: return .delete(try WALDelete(decoding: &reader))
        case dropShardGroupKind: return .dropShardGroup(try WALShardGroupDrop(decoding: &reader))
        case let kind: throw StorageError(.corruptFile, "WAL record: unknown kind \(kind)")
        }
    }
}

/// Writes the parts of a write record; the points themselves are encoded by `EncodedBatch`.
enum WALWriteBuilder {
    /// The record: kind, database, incarnation, policy, point count, the points' encodings, the policy's incarnation.
    static func record(
        database: String, incarnation: Int, retentionPolicy: String, policyIncarnation: Int, points: [ArraySlice<UInt8>]
    ) -> [UInt8] {
        var writer = BinaryWriter()
        writer.bytes.reserveCapacity(points.reduce(64) { $0 + $1.count })
        writer.append(WALRecord.writeKind)
        writer.appendBytes(Array(database.utf8))
        writer.appendVarint(UInt64(incarnation))
        writer.appendBytes(Array(retentionPolicy.utf8))
        writer.appendVarint(UInt64(points.count))
        for point in points { writer.bytes.append(contentsOf: point) }
        writer.appendVarint(UInt64(policyIncarnation))
        return writer.bytes
    }

    static func appendValue(_ value: FieldValue, to writer: inout BinaryWriter) {
        writer.append(value.type.rawValue)
        switch value {
        case .float(let number): writer.append(number.bitPattern)
        case .integer(let number): writer.appendSignedVarint(number)
        case .unsigned(let number): writer.appendVarint(number)
        case .boolean(let flag): writer.append(UInt8(flag ? 1 : 0))
        case .string(let text): writer.appendBytes(Array(text.utf8))
        }
    }
}

/// A decoded write record, for replay.
struct WALWrite {
    struct Point {
        let seriesKey: [UInt8]
        let timestamp: Int64
        let fields: [(key: [UInt8], value: FieldValue)]
    }

    let database: String
    let incarnation: Int
    let retentionPolicy: String
    let points: [Point]
    /// 0 in records written before policies had incarnations.
    let policyIncarnation: Int

    init(decoding reader: inout BinaryReader) throws {
        database = String(decoding: try reader.readBytes(), as: UTF8.self)
        incarnation = try reader.readInt()
        retentionPolicy = String(decoding: try reader.readBytes(), as: UTF8.self)
        let count = try reader.readInt()
        var points: [Point] = []
        for _ in 0..<count {
            let key = Array(try reader.readBytes())
            let timestamp = try reader.readSignedVarint()
            let fieldCount = try reader.readInt()
            var fields: [(key: [UInt8], value: FieldValue)] = []
            for _ in 0..<fieldCount {
                let fieldKey = Array(try reader.readBytes())
                fields.append((fieldKey, try Self.readValue(&reader)))
            }
            points.append(Point(seriesKey: key, timestamp: timestamp, fields: fields))
        }
        self.points = points
        policyIncarnation = reader.isAtEnd ? 0 : try reader.readInt()
    }

    private static func readValue(_ reader: inout BinaryReader) throws -> FieldValue {
        switch FieldType(rawValue: try reader.readByte()) {
        case .float: return .float(Double(bitPattern: try reader.read(UInt64.self)))
        case .integer: return .integer(try reader.readSignedVarint())
        case .unsigned: return .unsigned(try reader.readVarint())
        case .boolean: return .boolean(try reader.readByte() != 0)
        case .string: return .string(String(decoding: try reader.readBytes(), as: UTF8.self))
        case nil: throw StorageError(.corruptFile, "WAL record: unknown field type")
        }
    }
}

/// A delete of series values in a time range, logged so it replays in order with the writes around it.
struct WALDelete: Equatable {
    let database: String
    let incarnation: Int
    let minTime: Int64
    let maxTime: Int64
    let dropsSeries: Bool
    let seriesKeys: [String]

    init(database: String, incarnation: Int, minTime: Int64, maxTime: Int64, dropsSeries: Bool, seriesKeys: [String]) {
        self.database = database
        self.incarnation = incarnation
        self.minTime = minTime
        self.maxTime = maxTime
        self.dropsSeries = dropsSeries
        self.seriesKeys = seriesKeys
    }

    init(decoding reader: inout BinaryReader) throws {
        database = String(decoding: try reader.readBytes(), as: UTF8.self)
        incarnation = try reader.readInt()
        minTime = try reader.readSignedVarint()
        maxTime = try reader.readSignedVarint()
        guard minTime <= maxTime else { throw StorageError(.corruptFile, "WAL record: delete from \(minTime) to \(maxTime)") }
        dropsSeries = try reader.readByte() == 1
        let count = try reader.readInt()
        var keys: [String] = []
        for _ in 0..<count { keys.append(String(decoding: try reader.readBytes(), as: UTF8.self)) }
        seriesKeys = keys
    }

    func encoded() -> [UInt8] {
        var writer = BinaryWriter()
        writer.append(WALRecord.deleteKind)
        writer.appendBytes(Array(database.utf8))
        writer.appendVarint(UInt64(incarnation))
        writer.appendSignedVarint(minTime)
        writer.appendSignedVarint(maxTime)
        writer.append(UInt8(dropsSeries ? 1 : 0))
        writer.appendVarint(UInt64(seriesKeys.count))
        for key in seriesKeys { writer.appendBytes(Array(key.utf8)) }
        return writer.bytes
    }
}

/// `DROP SHARD`: the time range of one retention policy whose shard group is gone, logged so that points of it still
/// in the WAL do not come back at replay (replay drops whatever group they rebuilt in that range).
struct WALShardGroupDrop: Equatable {
    let database: String
    let incarnation: Int
    let retentionPolicy: String
    let policyIncarnation: Int
    /// Nanoseconds; the group held start ..< end.
    let start: Int64
    let end: Int64

    init(database: String, incarnation: Int, retentionPolicy: String, policyIncarnation: Int, start: Int64, end: Int64) {
        self.database = database
        self.incarnation = incarnation
        self.retentionPolicy = retentionPolicy
        self.policyIncarnation = policyIncarnation
        self.start = start
        self.end = end
    }

    init(decoding reader: inout BinaryReader) throws {
        database = String(decoding: try reader.readBytes(), as: UTF8.self)
        incarnation = try reader.readInt()
        retentionPolicy = String(decoding: try reader.readBytes(), as: UTF8.self)
        policyIncarnation = try reader.readInt()
        start = try reader.readSignedVarint()
        end = try reader.readSignedVarint()
    }

    var encoded: [UInt8] {
        var writer = BinaryWriter()
        writer.append(WALRecord.dropShardGroupKind)
        writer.appendBytes(Array(database.utf8))
        writer.appendVarint(UInt64(incarnation))
        writer.appendBytes(Array(retentionPolicy.utf8))
        writer.appendVarint(UInt64(policyIncarnation))
        writer.appendSignedVarint(start)
        writer.appendSignedVarint(end)
        return writer.bytes
    }
}
