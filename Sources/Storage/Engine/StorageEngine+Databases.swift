import FileIO
import TimeSeries
import WriteAheadLog

/// Creating and dropping databases, and finding (or creating) the shard for a point's time.
extension StorageEngine {
    /// Creates a database with an `autogen` policy (or `defaultPolicy`) if it does not exist. Creating an existing
    /// one is fine unless `defaultPolicy` differs from its policy of that name, as in InfluxDB.
    public func createDatabase(_ name: String, defaultPolicy: RetentionPolicyInfo = RetentionPolicyInfo(name: "autogen")) throws {
        try withLock {
            if let existing = meta.database(name) {
                if let policy = existing.retentionPolicy(defaultPolicy.name),
                    policy.duration != defaultPolicy.duration || policy.shardGroupDuration != defaultPolicy.shardGroupDuration
                        || policy.replicaN != defaultPolicy.replicaN
                {
                    throw StorageError(.invalidArgument, "retention policy conflicts with an existing policy")
                }
                return
            }
            if defaultPolicy.duration != 0 && defaultPolicy.duration < Self.minimumRetention {
                throw StorageError(.invalidArgument, "retention policy duration must be at least 1h0m0s")
            }
            var updated = meta
            var policy = defaultPolicy
            policy.incarnation = updated.nextIncarnation
            updated.databases.append(DatabaseInfo(name: name, incarnation: updated.nextIncarnation, defaultPolicy: policy))
            updated.nextIncarnation += 1
            try metaStore.save(updated)
            meta = updated
            databases[name] = DatabaseState(name: name)
            catalogVersion += 1
        }
    }

    /// Drops a database and all its data. Logged in the WAL first, so replay never brings the data back.
    public func dropDatabase(_ name: String) async throws {
        guard let incarnation = withLock({ meta.database(name)?.incarnation }) else { return }
        _ = try await wal.append(WALRecord.encodeDropDatabase(name, incarnation: incarnation))
        try withLock { try removeDatabase(name, incarnation: incarnation) }
    }

    /// Removes the database if it is still the given incarnation.
    func removeDatabase(_ name: String, incarnation: Int) throws {
        guard meta.database(name)?.incarnation == incarnation else { return }
        var updated = meta
        updated.databases.removeAll { $0.name == name }
        try metaStore.save(updated)
        meta = updated
        databases[name] = nil
        catalogVersion += 1
        try removeTree(dataDirectory + "/" + Self.pathComponent(name))
    }

    func removeTree(_ path: String) throws {
        guard fileSystem.fileExists(path) else { return }
        if let entries = try? fileSystem.contentsOfDirectory(path) {
            for entry in entries { try removeTree(path + "/" + entry) }
        }
        try fileSystem.remove(path)
    }

    public var databaseNames: [String] {
        withLock { meta.databases.map(\.name) }
    }

    public func databaseInfo(_ name: String) -> DatabaseInfo? {
        withLock { meta.database(name) }
    }

    /// The shard for `timestamp` in a policy, creating its shard group when needed. Caller holds the lock and
    /// saves `meta` if `metaChanged` became true.
    func shard(
        database: DatabaseState,
        policy: String,
        timestamp: Int64,
        metaChanged: inout Bool
    ) throws -> Shard {
        guard let databaseIndex = meta.databases.firstIndex(where: { $0.name == database.name }),
            let policyIndex = meta.databases[databaseIndex].retentionPolicies.firstIndex(where: { $0.name == policy })
        else { throw StorageError(.retentionPolicyNotFound, "retention policy not found: \(policy)") }
        let info = meta.databases[databaseIndex].retentionPolicies[policyIndex]
        if let group = info.group(containing: timestamp), let shard = database.shards[group.shardID] {
            return shard
        }
        let start = ShardGroupTiming.groupStart(for: timestamp, duration: info.shardGroupDuration)
        let (end, overflow) = start.addingReportingOverflow(info.shardGroupDuration)
        let group = ShardGroupInfo(id: meta.nextShardGroupID, start: start, end: overflow ? Int64.max : end, shardID: meta.nextShardID)
        meta.nextShardGroupID += 1
        meta.nextShardID += 1
        meta.databases[databaseIndex].retentionPolicies[policyIndex].shardGroups.append(group)
        metaChanged = true
        // A new shard starts empty, whatever a restore that failed before naming it may have left in its directory.
        try removeTree(shardDirectory(database: database.name, retentionPolicy: policy, shardID: group.shardID))
        return try openShard(database: database, policy: policy, group: group)
    }

    func openShard(database: DatabaseState, policy: String, group: ShardGroupInfo) throws -> Shard {
        let directory = shardDirectory(database: database.name, retentionPolicy: policy, shardID: group.shardID)
        try fileSystem.createDirectory(directory)
        let shard = Shard(
            id: group.shardID, database: database.name, retentionPolicy: policy, start: group.start, end: group.end, directory: directory
        )
        database.shards[group.shardID] = shard
        return shard
    }
}
