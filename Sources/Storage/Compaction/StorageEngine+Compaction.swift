import FileIO
import TimeSeries

/// Merging a shard's TSM files into one, so reads open fewer files and overwritten values are dropped.
///
/// The merged file is written under a new generation and renamed into place before the files it replaces are
/// removed, so a crash at any point leaves either the old files or the new one (or, briefly, both: they hold the
/// same values, and reads let the newer generation win).
extension StorageEngine {
    /// A shard is compacted once it has this many files.
    public static let compactionThreshold = 4

    /// Compacts every shard with at least `minimumFiles` TSM files; returns how many shards were compacted.
    @discardableResult
    public func compact(minimumFiles: Int = compactionThreshold) throws -> Int {
        let candidates = withLock { databases.values.flatMap { $0.shards.values.filter { $0.files.count >= minimumFiles } } }
        for shard in candidates { try compact(shard) }
        return candidates.count
    }

    private func compact(_ shard: Shard) throws {
        let (inputs, generation, tombstones) = withLock { () -> ([TSMReader], Int, [Tombstone]) in
            let generation = shard.nextGeneration
            shard.nextGeneration += 1
            return (shard.files, generation, shard.tombstones)
        }
        guard inputs.count > 1 else { return }
        let path = shard.directory + "/" + Shard.fileName(generation: generation)
        try Self.writeMerged(inputs, tombstones: tombstones, to: path, fileSystem: fileSystem)
        let merged = try TSMReader(path: path, generation: generation, fileSystem: fileSystem)
        let replaced = Set(inputs.map(\.generation))
        let newest = inputs.map(\.generation).max() ?? 0
        try withLock {
            shard.files.removeAll { replaced.contains($0.generation) }
            shard.files.append(merged)
            shard.files.sort { $0.generation < $1.generation }
            // Tombstones over only the replaced files are now applied; later ones (a delete during this compaction,
            // or one covering a snapshot being flushed) stay.
            let remaining = shard.tombstones.filter { $0.maxGeneration > newest || !tombstones.contains($0) }
            if remaining != shard.tombstones {
                try TombstoneStore(directory: shard.directory, fileSystem: fileSystem).save(remaining)
                shard.tombstones = remaining
            }
        }
        for input in inputs { try fileSystem.remove(input.path) }
    }

    /// Writes the values of `inputs` within `range` less those `tombstones` hide into one TSM file at `path` (newer
    /// generations winning on equal times); returns how many keys it holds. Shared by compaction and backups.
    @discardableResult
    static func writeMerged(
        _ inputs: [TSMReader], tombstones: [Tombstone], range: ClosedRange<Int64> = Int64.min...Int64.max, to path: String,
        fileSystem: any FileSystem
    ) throws -> Int {
        var writer = try TSMWriter(path: path, fileSystem: fileSystem)
        var written = 0
        do {
            for key in mergedKeys(of: inputs) {
                let seriesKey = TSMFormat.split(key).map { String(decoding: $0.series, as: UTF8.self) } ?? ""
                let columns = try inputs.compactMap { input -> FieldColumn? in
                    guard var column = try input.column(for: key, in: range) else { return nil }
                    for tombstone in tombstones where tombstone.covers(seriesKey: seriesKey, generation: input.generation) {
                        column = tombstone.filter(column)
                    }
                    return column.count > 0 ? column : nil
                }
                guard let type = columns.first?.type else { continue }
                // Files of one shard agree on a field's type; keep values of the first type should they ever differ.
                try writer.add(key: key, column: FieldColumn.merge(columns.filter { $0.type == type }, type: type))
                written += 1
            }
            try writer.finish()
        } catch {
            writer.abandon()
            throw error
        }
        return written
    }

    /// Every key of the files, once, in ascending byte order.
    private static func mergedKeys(of readers: [TSMReader]) -> [[UInt8]] {
        var seen = Set<[UInt8]>()
        var keys: [[UInt8]] = []
        for reader in readers {
            for entry in reader.entries where seen.insert(entry.key).inserted { keys.append(entry.key) }
        }
        return keys.sorted { $0.lexicographicallyPrecedes($1) }
    }
}
