import LineProtocol

/// What reading some series would touch, counted as InfluxDB's `EXPLAIN` counts it (`IteratorCost`).
public struct ReadCost: Sendable, Equatable {
    /// Shards of the policy in the range.
    public var shards = 0
    /// The series, once per shard.
    public var series = 0
    /// Values of the fields in the cache (and a flush's snapshot) within the range.
    public var cachedValues = 0
    /// TSM files, once per field key with blocks in the range.
    public var files = 0
    public var blocks = 0
    public var blockBytes = 0

    public init() {}
}

extension StorageEngine {
    /// The cost of reading `fields` of `seriesKeys` in `range` from a database's policy (the default one unless
    /// named). Tags among `fields` cost nothing, as in InfluxDB.
    public func readCost(
        database: String, retentionPolicy: String?, seriesKeys: [String], fields: [String], in range: ClosedRange<Int64>
    ) throws -> ReadCost {
        let escapedFields = fields.map { field -> [UInt8] in
            var escaped: [UInt8] = []
            LineProtocolEscaping.escapeKey(field, into: &escaped)
            return escaped
        }
        let (state, shards, series) = try withLock { () -> (DatabaseState, [Shard], [(key: [UInt8], id: Int)]) in
            guard let info = meta.database(database), let state = databases[database] else { throw StorageError.databaseNotFound(database) }
            let policy = retentionPolicy ?? info.defaultRetentionPolicy
            let shards = state.shards.values.filter {
                $0.retentionPolicy == policy && $0.end > range.lowerBound && $0.start <= range.upperBound
            }
            let series = seriesKeys.compactMap { key -> (key: [UInt8], id: Int)? in
                let bytes = Array(key.utf8)
                return bytes.withUnsafeBytes { state.index.seriesID($0) }.map { (bytes, $0) }
            }
            return (state, shards, series)
        }
        // The index is the database's, as InfluxDB's in-memory one is: every shard in the range counts every series,
        // whether or not it holds data of it.
        var cost = ReadCost()
        cost.shards = shards.count
        cost.series = shards.count * series.count
        for shard in shards {
            for entry in series {
                let measurement = Array(entry.key.prefix(entry.key.withUnsafeBytes { SeriesKey.measurementEnd($0) }))
                // The lock a series at a time, as reads take it: writes go on between.
                withLock {
                    for field in escapedFields {
                        add(shard, series: entry, measurement: measurement, field: field, state: state, range: range, to: &cost)
                    }
                }
            }
        }
        return cost
    }

    private func add(
        _ shard: Shard, series: (key: [UInt8], id: Int), measurement: [UInt8], field: [UInt8], state: DatabaseState,
        range: ClosedRange<Int64>, to cost: inout ReadCost
    ) {
        if let fieldID = state.fields.existingID(measurement: measurement, field: field) {
            let key = SeriesFieldKey(series: series.id, field: fieldID)
            let times = shard.withCache { (shard.cache[key]?.times ?? []) + (shard.snapshot[key]?.times ?? []) }
            cost.cachedValues += Set(times.filter { range.contains($0) }).count
        }
        let tsmKey = TSMFormat.key(series: series.key, field: field)
        for file in shard.files {
            guard let entry = file.entry(for: tsmKey) else { continue }
            let blocks = entry.blocks.filter { $0.maxTime >= range.lowerBound && $0.minTime <= range.upperBound }
            guard !blocks.isEmpty else { continue }
            cost.files += 1
            cost.blocks += blocks.count
            cost.blockBytes += blocks.reduce(0) { $0 + Int($1.size) }
        }
    }
}

extension StorageEngine {
    /// The shards of a database's policy (the default one unless named) that `range` reaches, by id, each with which of
    /// `fields` the measurement has there (field types are kept per shard, as InfluxDB keeps them): where
    /// `EXPLAIN ANALYZE` shows InfluxDB making cursors.
    public func shardFields(
        database: String, retentionPolicy: String?, measurement: String, fields: [String], in range: ClosedRange<Int64>
    ) throws -> [(shardID: Int, fields: Set<String>)] {
        var escapedMeasurement: [UInt8] = []
        LineProtocolEscaping.escapeMeasurement(measurement, into: &escapedMeasurement)
        return try withLock {
            guard let info = meta.database(database), let state = databases[database] else { throw StorageError.databaseNotFound(database) }
            let policy = retentionPolicy ?? info.defaultRetentionPolicy
            let shards = state.shards.values.filter {
                $0.retentionPolicy == policy && $0.end > range.lowerBound && $0.start <= range.upperBound
            }
            return shards.sorted { $0.id < $1.id }.map { shard in
                let present = fields.filter { field in
                    var escaped: [UInt8] = []
                    LineProtocolEscaping.escapeKey(field, into: &escaped)
                    guard let id = state.fields.existingID(measurement: escapedMeasurement, field: escaped) else { return false }
                    return shard.fieldTypes[id] != nil
                }
                return (shard.id, Set(present))
            }
        }
    }
}
