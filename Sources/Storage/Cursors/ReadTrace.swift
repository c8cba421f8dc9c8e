import Synchronization
public import TimeSeries

/// The TSM blocks a piece of work decoded, by shard, measurement, field and type: what `EXPLAIN ANALYZE` reports.
/// Bound to the task (`ReadTrace.$current.withValue(trace) { … }`); reads outside one cost a task-local lookup per
/// block and record nothing.
public final class ReadTrace: Sendable {
    @TaskLocal public static var current: ReadTrace?

    public struct Key: Hashable, Sendable {
        public var shard: Int
        /// Escaped, as in series keys.
        public var measurement: [UInt8]
        /// Escaped, as in TSM keys.
        public var field: [UInt8]
    }

    public struct Blocks: Sendable, Equatable {
        public var count = 0
        public var bytes = 0

        public init() {}
    }

    private let decoded = Mutex<[Key: [FieldType: Blocks]]>([:])

    public init() {}

    /// What was decoded of one field of one measurement in one shard, by type.
    public func blocks(shard: Int, measurement: [UInt8], field: [UInt8]) -> [FieldType: Blocks] {
        decoded.withLock { $0[Key(shard: shard, measurement: measurement, field: field)] ?? [:] }
    }

    func record(shard: Int, tsmKey: [UInt8], type: FieldType, bytes: Int) {
        guard let (series, field) = TSMFormat.split(tsmKey) else { return }
        let measurement = series.withUnsafeBytes { Array(series.prefix(SeriesKey.measurementEnd($0))) }
        let key = Key(shard: shard, measurement: measurement, field: Array(field))
        decoded.withLock { decoded in
            decoded[key, default: [:]][type, default: Blocks()].count += 1
            decoded[key, default: [:]][type, default: Blocks()].bytes += bytes
        }
    }
}
