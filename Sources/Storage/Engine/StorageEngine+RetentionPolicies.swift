/// Retention policies: creating, changing and dropping them, with InfluxDB's rules and messages.
extension StorageEngine {
    static let minimumRetention: Int64 = 3_600_000_000_000

    /// Adds a policy. An identical existing one is fine; a different one is `retention policy already exists`.
    public func createRetentionPolicy(_ policy: RetentionPolicyInfo, database: String, makeDefault: Bool) throws {
        try checkDurations(policy)
        try updateMeta(database: database) { info, nextIncarnation in
            if let existing = info.retentionPolicy(policy.name) {
                guard
                    existing.duration == policy.duration && existing.shardGroupDuration == policy.shardGroupDuration
                        && existing.replicaN == policy.replicaN
                else { throw StorageError(.invalidArgument, "retention policy already exists") }
            } else {
                var created = policy
                created.incarnation = nextIncarnation
                nextIncarnation += 1
                info.retentionPolicies.append(created)
            }
            if makeDefault { info.defaultRetentionPolicy = policy.name }
        }
    }

    /// Changes the given settings of a policy; nil leaves a setting as it is.
    public func alterRetentionPolicy(
        _ name: String,
        database: String,
        duration: Int64?,
        shardGroupDuration: Int64?,
        replicaN: Int?,
        makeDefault: Bool
    ) throws {
        try updateMeta(database: database) { info in
            guard let index = info.retentionPolicies.firstIndex(where: { $0.name == name }) else {
                throw StorageError(.retentionPolicyNotFound, "retention policy not found: \(name)")
            }
            var policy = info.retentionPolicies[index]
            if let duration { policy.duration = duration }
            if let shardGroupDuration { policy.shardGroupDuration = max(shardGroupDuration, ShardGroupTiming.hour) }
            if let replicaN { policy.replicaN = replicaN }
            try checkDurations(policy)
            info.retentionPolicies[index] = policy
            if makeDefault { info.defaultRetentionPolicy = name }
        }
    }

    /// Drops a policy and its data; dropping one that does not exist is not an error, as in InfluxDB.
    public func dropRetentionPolicy(_ name: String, database: String) throws {
        var removedShards: [Int]?
        try updateMeta(database: database) { info in
            guard let policy = info.retentionPolicy(name) else { return }
            removedShards = policy.shardGroups.map(\.shardID)
            info.retentionPolicies.removeAll { $0.name == name }
        }
        guard let removedShards else { return }
        configuration.log("retention policy \(GoQuote.quote(name)) on database \(GoQuote.quote(database)) dropped with its data")
        try withLock {
            guard let state = databases[database] else { return }
            for shardID in removedShards { state.shards[shardID] = nil }
            try removeTree(dataDirectory + "/" + Self.pathComponent(database) + "/" + Self.pathComponent(name))
        }
    }

    private func checkDurations(_ policy: RetentionPolicyInfo) throws {
        if policy.duration != 0 && policy.duration < Self.minimumRetention {
            throw StorageError(.invalidArgument, "retention policy duration must be at least 1h0m0s")
        }
        if policy.duration != 0 && policy.duration < policy.shardGroupDuration {
            throw StorageError(.invalidArgument, "retention policy duration must be greater than the shard duration")
        }
    }

    /// Applies `change` to a copy of a database's metadata and saves it; memory changes only if the save worked.
    func updateMeta(database: String, _ change: (inout DatabaseInfo) throws -> Void) throws {
        try updateMeta(database: database) { info, _ in try change(&info) }
    }

    /// `updateMeta` for a change that also numbers something new (`MetaData.nextIncarnation`).
    func updateMeta(database: String, _ change: (inout DatabaseInfo, inout Int) throws -> Void) throws {
        try withLock {
            guard let index = meta.databases.firstIndex(where: { $0.name == database }) else {
                throw StorageError(.databaseNotFound, "database not found: \(database)")
            }
            var updated = meta
            try change(&updated.databases[index], &updated.nextIncarnation)
            guard updated != meta else { return }
            try metaStore.save(updated)
            meta = updated
        }
    }
}
