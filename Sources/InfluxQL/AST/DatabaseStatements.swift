/// `CREATE DATABASE name [WITH [DURATION d] [REPLICATION n] [SHARD DURATION d] [NAME rp]]`.
public struct CreateDatabaseStatement: Sendable, Equatable {
    public var name: String
    /// Set when a `WITH` clause asks for a default policy other than `autogen`'s defaults.
    public var policy: RetentionPolicySettings?

    public init(name: String, policy: RetentionPolicySettings? = nil) {
        self.name = name
        self.policy = policy
    }
}

/// The settings a retention policy statement gives; absent ones keep their defaults (or current values).
public struct RetentionPolicySettings: Sendable, Equatable {
    public var name: String?
    /// Nanoseconds; 0 is `INF`.
    public var duration: Int64?
    public var replication: Int?
    public var shardGroupDuration: Int64?
    public var makeDefault = false

    public init(
        name: String? = nil, duration: Int64? = nil, replication: Int? = nil, shardGroupDuration: Int64? = nil, makeDefault: Bool = false
    ) {
        self.name = name
        self.duration = duration
        self.replication = replication
        self.shardGroupDuration = shardGroupDuration
        self.makeDefault = makeDefault
    }
}

/// `CREATE RETENTION POLICY rp ON db DURATION d REPLICATION n [SHARD DURATION d] [DEFAULT]`.
public struct CreateRetentionPolicyStatement: Sendable, Equatable {
    public var database: String
    public var settings: RetentionPolicySettings
}

/// `ALTER RETENTION POLICY rp ON db [DURATION d] [REPLICATION n] [SHARD DURATION d] [DEFAULT]`.
public struct AlterRetentionPolicyStatement: Sendable, Equatable {
    public var name: String
    public var database: String
    public var settings: RetentionPolicySettings
}

/// `SHOW MEASUREMENTS [ON db] [WITH MEASUREMENT =~ /re/ | = name] [WHERE tags] [LIMIT n] [OFFSET n]`.
public struct ShowMeasurementsStatement: Sendable, Equatable {
    public enum NameFilter: Sendable, Equatable {
        case equals(String)
        case matches(String)
    }

    public var database: String?
    public var filter: NameFilter?
    /// `WHERE` on tags: only measurements with a matching series.
    public var condition: Expression?
    public var limit: Int?
    public var offset: Int?
}
