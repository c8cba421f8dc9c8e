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
        let groups = database.retentionPolicies.flatMap(\.shardGroups)
        guard Set(database.retentionPolicies.map(\.name)).count == database.retentionPolicies.count,
            Set(groups.map(\.id)).count == groups.count, Set(groups.map(\.shardID)).count == groups.count
        else {
            throw StorageError(.invalidArgument, "the backup of \(database.name) names a retention policy, shard group or shard twice")
        }
        let (info, outcome) = withLock { renumbered(database, as: name) }
        // Files first, meta last: until the meta names them, the shard directories are read by nothing. Each file is
        // opened once here, so a damaged one stops the restore before the meta could name it (the store would not
        // start); on any failure the database's directory (no database of the name exists) is removed again.
        do {
            for policy in info.retentionPolicies {
                for (position, group) in policy.shardGroups.enumerated() {
                    let original = database.retentionPolicy(policy.name)!.shardGroups[position]
                    let directory = shardDirectory(database: name, retentionPolicy: policy.name, shardID: group.shardID)
                    try removeTree(directory)
                    try fileSystem.createDirectory(directory)
                    guard let file = files[original.shardID] else { continue }
                    let path = directory + "/" + Shard.fileName(generation: 1)
                    try fileSystem.copy(file, to: path)
                    try fileSystem.syncDirectory(directory)
                    _ = try TSMReader(path: path, generation: 1, fileSystem: fileSystem)
                }
            }
            try addRestored(info)
        } catch {
            try? removeTree(dataDirectory + "/" + Self.pathComponent(name))
            throw error
        }
        return outcome
    }

    /// The restored database into the meta and the engine, its shards opened from the files now in place.
    private func addRestored(_ info: DatabaseInfo) throws {
        let name = info.name
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
