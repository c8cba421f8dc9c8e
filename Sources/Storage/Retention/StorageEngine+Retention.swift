/// Enforcing retention: shard groups whose whole time range has aged out of their policy are dropped with their
/// files, as InfluxDB's retention service does.
extension StorageEngine {
    /// Drops expired shard groups; returns their shard ids.
    @discardableResult
    public func enforceRetention() throws -> [Int] {
        let now = configuration.clock()
        var expired: [(database: String, policy: String, shardID: Int)] = []
        for database in databaseNames {
            try updateMeta(database: database) { info in
                for index in info.retentionPolicies.indices where info.retentionPolicies[index].duration > 0 {
                    let policy = info.retentionPolicies[index]
                    let cutoff = now - policy.duration
                    for group in policy.shardGroups where group.end <= cutoff {
                        expired.append((database, policy.name, group.shardID))
                    }
                    info.retentionPolicies[index].shardGroups.removeAll { $0.end <= cutoff }
                }
            }
        }
        for shard in expired {
            // The files go outside the lock: writes need not wait for them.
            if let directory = withLock({ forgetShard(database: shard.database, shardID: shard.shardID) }) { try removeTree(directory) }
        }
        return expired.map(\.shardID)
    }
}
