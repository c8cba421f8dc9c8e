import FileIO
import Foundation
import TimeSeries

/// One shard group's data in a backup: where it was, and the TSM file (relative to the backup) holding its values.
public struct BackupShard: Sendable, Codable, Equatable {
    public var database: String
    public var retentionPolicy: String
    public var shardGroupID: Int
    public var shardID: Int
    /// The file under the backup's directory; nil when the shard held nothing in the backed-up range.
    public var file: String?
}

/// Online backups: every value acknowledged before the backup started, shard by shard, each shard as one TSM file
/// written from its files as they were at one moment (TSM files are never changed, and a file compaction or retention
/// removes stays readable while open), with the store's meta data as it was then.
extension StorageEngine {
    /// Where the server makes backups before sending them; emptied at start-up (a backup never outlives its request).
    public var backupWorkDirectory: String { configuration.directory + "/backups" }

    /// Writes the shards of `databases` (all when nil) holding values at or after `since` into `directory`, as
    /// `data/<shard id>.tsm`, and returns the meta data to keep beside them. `progress` is told of each shard
    /// written.
    public func writeBackup(
        into directory: String, databases wanted: Set<String>?, since: Int64?, progress: (BackupShard) -> Void = { _ in }
    ) async throws -> (meta: MetaData, shards: [BackupShard]) {
        // Everything acknowledged so far goes to TSM files first; the cache is left out from here on.
        try await flush()
        let (meta, captured) = withLock { () -> (MetaData, [(BackupShard, [TSMReader], [Tombstone], Int64)]) in
            var meta = self.meta
            if let wanted { meta.databases.removeAll { !wanted.contains($0.name) } }
            var captured: [(BackupShard, [TSMReader], [Tombstone], Int64)] = []
            for database in meta.databases {
                for policy in database.retentionPolicies {
                    for group in policy.shardGroups {
                        guard let shard = databases[database.name]?.shards[group.shardID] else { continue }
                        let entry = BackupShard(
                            database: database.name, retentionPolicy: policy.name, shardGroupID: group.id, shardID: group.shardID)
                        captured.append((entry, shard.files, shard.tombstones, group.end))
                    }
                }
            }
            return (meta, captured)
        }
        var shards: [BackupShard] = []
        for (entry, files, tombstones, end) in captured {
            var entry = entry
            if let since, end <= since {
                shards.append(entry)
                continue
            }
            // Named by shard id alone: the manifest says whose it is, and no name from a query reaches a path.
            let relative = "data/\(entry.shardID).tsm"
            let path = directory + "/" + relative
            try fileSystem.createDirectory((path as NSString).deletingLastPathComponent)
            let written = try Self.writeMerged(
                files, tombstones: tombstones, range: (since ?? Int64.min)...Int64.max, to: path, fileSystem: fileSystem)
            if written > 0 { entry.file = relative } else { try fileSystem.remove(path) }
            shards.append(entry)
            progress(entry)
        }
        return (meta, shards)
    }
}
