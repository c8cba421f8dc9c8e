import WriteAheadLog

/// `DROP SHARD`: a shard group removed with its files and cached points, as InfluxDB drops a shard.
extension StorageEngine {
    /// Drops the shard group holding shard `id`; logged first, so a restart does not bring back points of it that are
    /// still in the WAL. No such shard: nothing happens, as in InfluxDB. Series only that shard held stay in the
    /// index, as after retention drops a group.
    public func dropShard(_ id: UInt64) async throws {
        guard let drop = withLock({ shardGroupDrop(id) }) else { return }
        _ = try await wal.append(drop.encoded)
        // The files go outside the lock: writes need not wait for them.
        for directory in try withLock({ try forget(drop) }) { try removeTree(directory) }
    }

    private func shardGroupDrop(_ id: UInt64) -> WALShardGroupDrop? {
        for database in meta.databases {
            for policy in database.retentionPolicies {
                guard let group = policy.shardGroups.first(where: { UInt64(exactly: $0.shardID) == id }) else { continue }
                return WALShardGroupDrop(
                    database: database.name, incarnation: database.incarnation, retentionPolicy: policy.name,
                    policyIncarnation: policy.incarnation, start: group.start, end: group.end)
            }
        }
        return nil
    }

    /// At replay: removes the policy's shard groups overlapping the dropped range (the ones its earlier points
    /// rebuilt), with their files.
    func apply(_ drop: WALShardGroupDrop) throws {
        for directory in try forget(drop) { try removeTree(directory) }
    }

    /// Takes the policy's shard groups overlapping the dropped range out of the meta data and the open shards, if the
    /// database and policy are still the ones the drop was for; returns their directories.
    private func forget(_ drop: WALShardGroupDrop) throws -> [String] {
        guard let databaseIndex = meta.databases.firstIndex(where: { $0.name == drop.database }),
            meta.databases[databaseIndex].incarnation == drop.incarnation,
            let policyIndex = meta.databases[databaseIndex].retentionPolicies.firstIndex(where: { $0.name == drop.retentionPolicy }),
            meta.databases[databaseIndex].retentionPolicies[policyIndex].incarnation == drop.policyIncarnation
        else { return [] }
        var updated = meta
        let groups = updated.databases[databaseIndex].retentionPolicies[policyIndex].shardGroups
        let dropped = groups.filter { $0.start < drop.end && drop.start < $0.end }
        guard !dropped.isEmpty else { return [] }
        updated.databases[databaseIndex].retentionPolicies[policyIndex].shardGroups.removeAll { $0.start < drop.end && drop.start < $0.end }
        try metaStore.save(updated)
        meta = updated
        return dropped.compactMap { forgetShard(database: drop.database, shardID: $0.shardID) }
    }

    /// Closes an open shard to reads and writes; returns its directory, for the caller to delete.
    func forgetShard(database: String, shardID: Int) -> String? {
        let directory = databases[database]?.shards[shardID]?.directory
        databases[database]?.shards[shardID] = nil
        catalogVersion += 1
        return directory
    }
}
