import WriteAheadLog

/// Deleting data: `DELETE`, `DROP SERIES` and `DROP MEASUREMENT` come down to removing series values in a time
/// range — at once from the caches, and from TSM files through tombstones until compaction rewrites them.
/// Each delete is logged in the WAL first, so it replays in order with the writes around it.
extension StorageEngine {
    /// Deletes the values of `seriesKeys` (escaped form) in `range`; with `dropSeries` the series also leave the index.
    public func deleteSeries(database: String, seriesKeys: [String], in range: ClosedRange<Int64>, dropSeries: Bool) async throws {
        guard !seriesKeys.isEmpty else { return }
        guard let incarnation = withLock({ meta.database(database)?.incarnation }) else {
            throw StorageError(.databaseNotFound, "database not found: \(database)")
        }
        let delete = WALDelete(
            database: database, incarnation: incarnation, minTime: range.lowerBound, maxTime: range.upperBound,
            dropsSeries: dropSeries, seriesKeys: seriesKeys
        )
        _ = try await wal.append(delete.encoded())
        try withLock { try apply(delete) }
    }

    /// Drops a measurement: all its series, all their values.
    public func dropMeasurement(database: String, name: String) async throws {
        let keys = try withLock { () -> [String] in
            guard let state = databases[database] else { throw StorageError(.databaseNotFound, "database not found: \(database)") }
            return (state.index.measurement(named: name)?.series ?? []).map { state.index.key(of: $0) }
        }
        try await deleteSeries(database: database, seriesKeys: keys, in: Int64.min...Int64.max, dropSeries: true)
    }

    /// Applies a delete with the lock held (live, and during WAL replay).
    func apply(_ delete: WALDelete) throws {
        guard let info = meta.database(delete.database), info.incarnation == delete.incarnation, let state = databases[delete.database]
        else { return }
        let ids = Set(delete.seriesKeys.compactMap { key in Array(key.utf8).withUnsafeBytes { state.index.seriesID($0) } })
        let range = delete.minTime...delete.maxTime
        for shard in state.shards.values where shard.end > delete.minTime && shard.start <= delete.maxTime {
            shard.withCache {
                for (key, entry) in shard.cache where ids.contains(key.series) {
                    let before = entry.size
                    entry.remove(in: range)
                    shard.cacheSize -= before - entry.size
                }
            }
            guard !shard.files.isEmpty || !shard.snapshot.isEmpty else { continue }
            let tombstone = Tombstone(
                seriesKeys: delete.seriesKeys, minTime: delete.minTime, maxTime: delete.maxTime,
                maxGeneration: shard.nextGeneration - 1,
                dropsSeries: delete.dropsSeries
            )
            guard !shard.tombstones.contains(tombstone) else { continue }
            try TombstoneStore(directory: shard.directory, fileSystem: fileSystem).save(shard.tombstones + [tombstone])
            shard.tombstones.append(tombstone)
        }
        if delete.dropsSeries { for id in ids { state.index.drop(id) } }
    }
}
