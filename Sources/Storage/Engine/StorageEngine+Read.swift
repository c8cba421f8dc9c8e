import LineProtocol
public import TimeSeries

/// Reading back: what exists (measurements, series, fields) and the values of one series field, merged from TSM
/// files, the cache being flushed and the cache, newest winning on equal times.
extension StorageEngine {
    public func measurementNames(database: String) throws -> [String] {
        try withLock {
            guard let state = databases[database] else { throw StorageError.databaseNotFound(database) }
            return state.index.measurements.filter { !$0.series.isEmpty }.map(\.name).sorted()
        }
    }

    /// Series keys (escaped line-protocol form) of a measurement, or of the whole database.
    public func seriesKeys(database: String, measurement: String? = nil) throws -> [String] {
        try withLock {
            guard let state = databases[database] else { throw StorageError.databaseNotFound(database) }
            let ids: [Int] =
                if let measurement { state.index.measurement(named: measurement)?.series ?? [] } else { state.index.liveSeries }
            return ids.map { state.index.key(of: $0) }.sorted()
        }
    }

    /// The earliest and latest time stored in a policy — from the TSM indexes' block ranges and the caches, without
    /// decoding — or nil when it holds nothing.
    public func dataTimeRange(database: String, retentionPolicy: String? = nil) -> ClosedRange<Int64>? {
        let shards = withLock { () -> [Shard] in
            guard let info = meta.database(database), let state = databases[database] else { return [] }
            let policy = retentionPolicy ?? info.defaultRetentionPolicy
            return state.shards.values.filter { $0.retentionPolicy == policy }
        }
        var lower = Int64.max
        var upper = Int64.min
        for shard in shards {
            let (files, memory) = withLock { () -> ([TSMReader], [CacheEntry]) in
                (shard.files, Array(shard.snapshot.values) + shard.withCache { Array(shard.cache.values) })
            }
            for file in files {
                for entry in file.entries {
                    if let first = entry.blocks.first { lower = min(lower, first.minTime) }
                    if let last = entry.blocks.last { upper = max(upper, last.maxTime) }
                }
            }
            withLock {
                shard.withCache {
                    for entry in memory {
                        entry.sortAndDeduplicate()
                        if let range = entry.timeRange {
                            lower = min(lower, range.lowerBound)
                            upper = max(upper, range.upperBound)
                        }
                    }
                }
            }
        }
        return lower <= upper ? lower...upper : nil
    }

    /// The series of a measurement with their tags (unescaped), sorted by key.
    /// The series of a measurement, sorted by key; with `tagEquals`, only those having every one of those tag values
    /// (looked up in the index, not by reading every series' tags).
    public func series(database: String, measurement: String, tagEquals: [(key: String, value: String)] = []) throws -> [(
        key: String, tags: [String: String]
    )] {
        try withLock {
            guard let state = databases[database] else { throw StorageError.databaseNotFound(database) }
            guard let entry = state.index.measurement(named: measurement) else { return [] }
            var ids = entry.series
            for (key, value) in tagEquals {
                let matching = Set(entry.tags[key]?[value] ?? [])
                ids = ids.filter(matching.contains)
            }
            return ids.map { (key: state.index.key(of: $0), tags: state.index.seriesTags[$0]) }.sorted { $0.key < $1.key }
        }
    }

    /// The values of each of `keys` a measurement's series have, each key's in byte order, straight from the index
    /// (no per-series work): what `SHOW TAG VALUES` without a WHERE clause lists.
    public func tagValues(database: String, measurement: String, keys: Set<String>) throws -> [String: [String]] {
        try withLock {
            guard let state = databases[database] else { throw StorageError.databaseNotFound(database) }
            var values: [String: [String]] = [:]
            for key in keys {
                let sorted = state.index.sortedTagValues(measurement: measurement, key: key)
                if !sorted.isEmpty { values[key] = sorted }
            }
            return values
        }
    }

    /// Changes whenever a database is created or dropped or a series added to or dropped from any database's index, so
    /// an answer computed from the indexes alone (SHOW MEASUREMENTS, SERIES, TAG KEYS, TAG VALUES) can be kept and
    /// reused while the version it was computed at is still current.
    public func indexVersion() -> IndexVersion {
        withLock {
            // Each index's count only grows, so their sum changes with any of them; a dropped database takes its count
            // out of the sum, which is why the catalog's own count is part of the version.
            IndexVersion(catalog: catalogVersion, series: databases.values.reduce(0) { $0 + $1.index.version })
        }
    }

    /// The tag keys a measurement's live series have, from the index.
    public func tagKeys(database: String, measurement: String) throws -> Set<String> {
        try withLock {
            guard let state = databases[database] else { throw StorageError.databaseNotFound(database) }
            guard let entry = state.index.measurement(named: measurement) else { return [] }
            return Set(entry.tags.keys)
        }
    }

    /// Field names and types of a measurement across the shards of `retentionPolicy` (all shards when nil), as
    /// InfluxDB keeps fields per shard: a field written only to another policy is not one of this policy's (a field
    /// may have different types in different shards).
    public func fields(database: String, measurement: String, retentionPolicy: String? = nil) throws -> [(name: String, type: FieldType)] {
        try withLock {
            guard let state = databases[database] else { throw StorageError.databaseNotFound(database) }
            var found: Set<String> = []
            var result: [(name: String, type: FieldType)] = []
            let shards = state.shards.values.filter { retentionPolicy == nil || $0.retentionPolicy == retentionPolicy }
            for shard in shards.sorted(by: { $0.start < $1.start }) {
                for (fieldID, type) in shard.fieldTypes.sorted(by: { $0.key < $1.key }) {
                    let names = state.fields.names[fieldID]
                    if names.measurement == measurement && found.insert("\(names.field)\u{0}\(type)").inserted {
                        result.append((names.field, type))
                    }
                }
            }
            return result.sorted { ($0.name, $0.type.rawValue) < ($1.name, $1.type.rawValue) }
        }
    }

    /// The values of `field` of the series `seriesKey` (escaped form, `cpu,host=a`) in `range`, one column per
    /// shard in time order.
    public func read(
        database: String,
        retentionPolicy: String? = nil,
        seriesKey: String,
        field: String,
        in range: ClosedRange<Int64> = Int64.min...Int64.max
    ) throws -> [FieldColumn] {
        var escapedField: [UInt8] = []
        LineProtocolEscaping.escapeKey(field, into: &escapedField)
        let tsmKey = TSMFormat.key(series: Array(seriesKey.utf8), field: escapedField)
        let sources = try shardSources(
            database: database, retentionPolicy: retentionPolicy, seriesKey: seriesKey, escapedField: escapedField, in: range
        )
        return try sources.compactMap { source in
            guard let type = source.type else { return nil }
            let stored = try source.files.compactMap { file -> FieldColumn? in
                guard var column = try file.column(for: tsmKey, in: range) else { return nil }
                for tombstone in source.tombstones where tombstone.maxGeneration >= file.generation {
                    column = tombstone.filter(column)
                }
                return column
            }
            let merged = FieldColumn.merge(stored + source.memory, type: type)
            return merged.count > 0 ? merged : nil
        }
    }

    /// Under the lock: for each shard of the policy overlapping `range`, in time order, its files, the deletes that
    /// concern this series, and the series field's values in the snapshot being flushed and in the cache.
    func shardSources(
        database: String,
        retentionPolicy: String?,
        seriesKey: String,
        escapedField: [UInt8],
        in range: ClosedRange<Int64>
    ) throws -> [ShardSources] {
        try withLock { () -> [ShardSources] in
            guard let info = meta.database(database), let state = databases[database] else { throw StorageError.databaseNotFound(database) }
            let policy = retentionPolicy ?? info.defaultRetentionPolicy
            guard let series = Array(seriesKey.utf8).withUnsafeBytes({ state.index.seriesID($0) }) else { return [] }
            let measurementEnd = Array(seriesKey.utf8).withUnsafeBytes { SeriesKey.measurementEnd($0) }
            let fieldID = Array(seriesKey.utf8.prefix(measurementEnd)).withUnsafeBytes { measurement in
                escapedField.withUnsafeBytes { state.fieldID(measurement: measurement, field: $0) }
            }
            let key = SeriesFieldKey(series: series, field: fieldID)
            return state.shards.values
                .filter { $0.retentionPolicy == policy && $0.end > range.lowerBound && $0.start <= range.upperBound }
                .sorted { $0.start < $1.start }
                .map { shard in
                    let tombstones = shard.tombstones.filter { $0.seriesKeys.contains(seriesKey) }
                    var snapshot = shard.snapshot[key].map { entry -> FieldColumn in
                        entry.sortAndDeduplicate()
                        return entry.column(in: range)
                    }
                    for tombstone in tombstones where snapshot != nil && tombstone.maxGeneration >= shard.snapshotGeneration {
                        snapshot = tombstone.filter(snapshot!)
                    }
                    let cache = shard.withCache {
                        shard.cache[key].map { entry -> FieldColumn in
                            entry.sortAndDeduplicate()
                            return entry.column(in: range)
                        }
                    }
                    return ShardSources(
                        files: shard.files, tombstones: tombstones, memory: [snapshot, cache].compactMap { $0 },
                        type: shard.fieldTypes[fieldID]
                    )
                }
        }
    }

    /// What one shard holds for a series field, gathered under the lock and read outside it.
    struct ShardSources {
        let files: [TSMReader]
        let tombstones: [Tombstone]
        let memory: [FieldColumn]
        let type: FieldType?
    }

    /// Every stored value of a database's policy (the default one unless named) as line protocol, one line per series, field and time
    /// (like `influx_inspect export`), for backups and for checking what survived a crash.
    public func exportLineProtocol(database: String, retentionPolicy: String? = nil, emit: (String) -> Void) throws {
        for seriesKey in try seriesKeys(database: database) {
            let parsed = Array(seriesKey.utf8).withUnsafeBytes { SeriesKey(parsing: $0) }
            let tags = parsed.tags.map { Tag($0.key, $0.value) }
            for field in try fields(database: database, measurement: parsed.measurement) {
                for column in try read(database: database, retentionPolicy: retentionPolicy, seriesKey: seriesKey, field: field.name)
                where column.type == field.type {
                    for index in 0..<column.count {
                        let point = Point(
                            measurement: parsed.measurement, tags: tags, fields: [Field(field.name, column.value(at: index))],
                            timestamp: column.times[index]
                        )
                        emit(String(decoding: LineProtocolEncoder.encode([point]).dropLast(), as: UTF8.self))
                    }
                }
            }
        }
    }
}

/// See `StorageEngine.indexVersion()`.
public struct IndexVersion: Hashable, Sendable {
    let catalog: Int
    let series: Int
}
