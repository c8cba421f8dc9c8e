import FileIO
import Foundation

/// A delete recorded against a shard's TSM files: values of these series in `minTime...maxTime`, in files up to
/// `maxGeneration`, are gone. Files written later are not affected, so new writes after a delete stay visible.
///
/// Kept in `tombstones.json` in the shard directory (written atomically) until a compaction has rewritten every
/// file the tombstone covers without those values.
struct Tombstone: Codable, Equatable {
    /// Escaped series keys.
    var seriesKeys: [String]
    var minTime: Int64
    var maxTime: Int64
    var maxGeneration: Int
    /// The series were dropped (DROP SERIES / DROP MEASUREMENT): at start-up they are left out of the index.
    var dropsSeries: Bool

    func covers(seriesKey: String, generation: Int) -> Bool {
        generation <= maxGeneration && seriesKeys.contains(seriesKey)
    }

    /// `column` without the values this tombstone deletes.
    func filter(_ column: FieldColumn) -> FieldColumn {
        let lower = column.times.partitioningIndex { $0 >= minTime }
        let upper = column.times.partitioningIndex { $0 > maxTime }
        guard lower < upper else { return column }
        let before = column.slice(0..<lower)
        let after = column.slice(upper..<column.count)
        return FieldColumn.merge([before, after], type: column.type)
    }
}

/// Reads and atomically replaces a shard's `tombstones.json`.
struct TombstoneStore {
    let directory: String
    let fileSystem: any FileSystem

    var path: String { directory + "/tombstones.json" }

    func load() throws -> [Tombstone] {
        guard fileSystem.fileExists(path) else { return [] }
        let bytes = try fileSystem.openForReading(path).readAll()
        do {
            return try JSONDecoder().decode([Tombstone].self, from: Data(bytes))
        } catch {
            throw StorageError(.corruptFile, "cannot read \(path): \(error)")
        }
    }

    func save(_ tombstones: [Tombstone]) throws {
        if tombstones.isEmpty {
            try fileSystem.remove(path)
            try fileSystem.syncDirectory(directory)
            return
        }
        let temporary = path + ".tmp"
        let file = try fileSystem.create(temporary)
        try file.write(Array(try JSONEncoder().encode(tombstones)))
        try file.sync()
        try file.close()
        try fileSystem.rename(temporary, to: path)
        try fileSystem.syncDirectory(directory)
    }
}
