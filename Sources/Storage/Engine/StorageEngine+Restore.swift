import FileIO
import TimeSeries

/// Restoring a backed-up database (`StorageEngine.writeBackup`): its policies, shard groups and values.
extension StorageEngine {
    /// What a restore kept and what it left out.
    public struct RestoredDatabase: Sendable, Equatable {
        public var name: String
        public var shardGroups: Int
        /// Whether the backup's shard group and shard ids were kept (they are unless this store already uses one).
        public var keptIDs: Bool
        /// Continuous queries and subscriptions left out: those of a database restored under a new name would still
        /// name the old one, or copy its writes a second time.
        public var droppedContinuousQueries: Int
        public var droppedSubscriptions: Int
    }

    /// Adds `database` (as backed up) under `name`, with each shard's values from the TSM file `files[shard id]`
    /// (shards without one start empty). Refused when a database of that name exists.
    public func restoreDatabase(_ database: DatabaseInfo, as name: String, files: [Int: String]) throws -> RestoredDatabase {
        if withLock({ meta.database(name) != nil }) {
            throw StorageError(.invalidArgument, "database \(name) already exists: drop it first or restore under another name")
        }
        let (info, outcome) = withLock { renumbered(database, as: name) }
        // Files first, meta last: a failure or crash before the meta is saved leaves only directories no policy
        // names, which nothing reads.
        for policy in info.retentionPolicies {
            for (position, group) in policy.shardGroups.enumerated() {
                let original = database.retentionPolicy(policy.name)!.shardGroups[position]
                let directory = shardDirectory(database: name, retentionPolicy: policy.name, shardID: group.shardID)
                try fileSystem.createDirectory(directory)
                guard let file = files[original.shardID] else { continue }
                try fileSystem.copy(file, to: directory + "/" + Shard.fileName(generation: 1))
                try fileSystem.syncDirectory(directory)
            }
        }
        try withLock {
            let groups = info.retentionPolicies.flatMap(\.shardGroups)
            let used = Set(meta.databases.flatMap { $0.retentionPolicies.flatMap { $0.shardGroups.map(\.shardID) } })
            guard meta.database(name) == nil, !groups.contains(where: { used.contains($0.shardID) }) else {
                throw StorageError(.invalidArgument, "the store changed during the restore of \(name): try again")
            }
            var updated = meta
            updated.databases.append(info)
            updated.nextIncarnation = max(updated.nextIncarnation, info.incarnation + 1)
            for group in groups {
                updated.nextShardGroupID = max(updated.nextShardGroupID, group.id + 1)
                updated.nextShardID = max(updated.nextShardID, group.shardID + 1)
            }
            try metaStore.save(updated)
            meta = updated
            let state = DatabaseState(name: name)
            databases[name] = state
            for policy in info.retentionPolicies {
                for group in policy.shardGroups {
                    try loadFiles(of: try openShard(database: state, policy: policy.name, group: group), into: state)
                }
            }
            catalogVersion += 1
        }
        return outcome
    }

    /// The database as it will be stored: new incarnations (the WAL may still hold records of an earlier database of
    /// the name), its ids kept unless this store uses one of them, and under a new name without its continuous
    /// queries and subscriptions. Caller holds the lock.
    private func renumbered(_ database: DatabaseInfo, as name: String) -> (DatabaseInfo, RestoredDatabase) {
        var info = database
        info.name = name
        var incarnation = meta.nextIncarnation
        info.incarnation = incarnation
        let usedGroups = Set(meta.databases.flatMap { $0.retentionPolicies.flatMap { $0.shardGroups.map(\.id) } })
        let usedShards = Set(meta.databases.flatMap { $0.retentionPolicies.flatMap { $0.shardGroups.map(\.shardID) } })
        let groups = database.retentionPolicies.flatMap(\.shardGroups)
        let keepIDs = !groups.contains { usedGroups.contains($0.id) || usedShards.contains($0.shardID) }
        var (nextGroup, nextShard) = (meta.nextShardGroupID, meta.nextShardID)
        let renamed = name != database.name
        var outcome = RestoredDatabase(
            name: name, shardGroups: groups.count, keptIDs: keepIDs, droppedContinuousQueries: 0, droppedSubscriptions: 0)
        if renamed {
            outcome.droppedContinuousQueries = info.continuousQueries.count
            info.continuousQueries = []
        }
        for index in info.retentionPolicies.indices {
            incarnation += 1
            info.retentionPolicies[index].incarnation = incarnation
            if renamed {
                outcome.droppedSubscriptions += info.retentionPolicies[index].subscriptions.count
                info.retentionPolicies[index].subscriptions = []
            }
            guard !keepIDs else { continue }
            for group in info.retentionPolicies[index].shardGroups.indices {
                info.retentionPolicies[index].shardGroups[group].id = nextGroup
                info.retentionPolicies[index].shardGroups[group].shardID = nextShard
                nextGroup += 1
                nextShard += 1
            }
        }
        return (info, outcome)
    }
}
