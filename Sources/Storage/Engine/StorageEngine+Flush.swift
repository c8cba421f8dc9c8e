import TimeSeries
import WriteAheadLog

/// Turning caches into TSM files.
///
/// A flush must never drop a WAL segment holding data that is in no TSM file. So: (1) roll the WAL — everything
/// appended so far is in segments up to N; (2) open a new flush generation — writes that start from now on append
/// after the roll; (3) wait until every write of the old generation has reached its cache; (4) snapshot the caches;
/// (5) write and install one TSM file per shard; (6) remove segments up to N.
extension StorageEngine {
    /// Writes all cached data to TSM files. Waits for a flush already under way, then flushes again.
    public func flush() async throws {
        while !withLock({ () -> Bool in
            guard !isFlushing else { return false }
            isFlushing = true
            return true
        }) {
            try await Task.sleep(for: .milliseconds(2))
        }
        defer { withLock { isFlushing = false } }
        let segment = try await wal.rollSegment()
        let oldGeneration = withLock { () -> Int in
            flushGeneration += 1
            return flushGeneration - 1
        }
        while withLock({ writesInFlight[oldGeneration, default: 0] > 0 }) {
            try await Task.sleep(for: .milliseconds(1))
        }
        let shards = withLock { takeSnapshots(generation: oldGeneration) }
        for (index, shard) in shards.enumerated() {
            do {
                try writeSnapshot(shard)
            } catch {
                // Every snapshot not on disk goes back into memory, this one and those after it; the WAL keeps all
                // of them (its segments are removed only after every shard's file is installed).
                withLock { for unwritten in shards[index...] { restoreSnapshot(unwritten) } }
                throw error
            }
        }
        try wal.removeSegments(through: segment)
    }

    func startBackgroundFlush() {
        Task.detached { [self] in
            do {
                try await flush()
            } catch {
                configuration.log("background flush failed (the data stays in the WAL and cache): \(error)")
            }
        }
    }

    private func takeSnapshots(generation: Int) -> [Shard] {
        writesInFlight[generation] = nil
        var taken: [Shard] = []
        for state in databases.values {
            for shard in state.shards.values {
                let cache = shard.withCache { () -> [SeriesFieldKey: CacheEntry] in
                    let cache = shard.cache
                    shard.cache = [:]
                    shard.cacheSize = 0
                    return cache
                }
                guard !cache.isEmpty else { continue }
                for entry in cache.values { entry.sortAndDeduplicate() }
                shard.snapshot = cache
                // Reserved now, so a compaction or a delete meanwhile numbers around it.
                shard.snapshotGeneration = shard.nextGeneration
                shard.nextGeneration += 1
                taken.append(shard)
            }
        }
        return taken
    }

    /// Writes a shard's snapshot as its next TSM generation and swaps it in for the snapshot.
    private func writeSnapshot(_ shard: Shard) throws {
        let (entries, generation) = withLock { () -> ([(key: [UInt8], entry: CacheEntry)], Int) in
            guard let state = databases[shard.database] else { return ([], 0) }
            let keyed = shard.snapshot.map { key, entry in
                (TSMFormat.key(series: state.index.seriesKeys[key.series], field: state.escapedFieldKeys[key.field]), entry)
            }
            return (keyed, shard.snapshotGeneration)
        }
        guard !entries.isEmpty else { return }
        let path = shard.directory + "/" + Shard.fileName(generation: generation)
        var writer = try TSMWriter(path: path, fileSystem: fileSystem)
        do {
            for (key, entry) in entries.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
                try writer.add(key: key, column: entry.column(in: Int64.min...Int64.max))
            }
            try writer.finish()
        } catch {
            writer.abandon()
            throw error
        }
        let reader = try TSMReader(path: path, generation: generation, fileSystem: fileSystem)
        withLock {
            shard.files.append(reader)
            shard.snapshot = [:]
        }
    }

    /// Puts a snapshot that could not be written back in front of the cache, so nothing is lost from memory.
    private func restoreSnapshot(_ shard: Shard) {
        shard.withCache {
            for (key, older) in shard.snapshot {
                if let newer = shard.cache[key] {
                    shard.cache[key] = older.merged(withNewer: newer)
                } else {
                    shard.cache[key] = older
                }
                shard.cacheSize += older.size
            }
        }
        shard.snapshot = [:]
    }
}

extension CacheEntry {
    /// A new entry with this entry's values followed by `newer`'s, so newer values win on equal times.
    func merged(withNewer newer: CacheEntry) -> CacheEntry {
        let merged = CacheEntry(type: type)
        for source in [self, newer] {
            let column = source.column(in: Int64.min...Int64.max)
            for index in 0..<column.count { merged.append(column.times[index], column.value(at: index)) }
        }
        return merged
    }
}
