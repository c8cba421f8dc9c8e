/// A database: its retention policies and which one writes go to when none is named.
public struct DatabaseInfo: Sendable, Codable, Equatable {
    public var name: String
    /// Distinguishes a database from an earlier one of the same name that was dropped; WAL records carry it so
    /// replay never applies an old database's writes or drop to a new one.
    public var incarnation: Int
    public var defaultRetentionPolicy: String
    public var retentionPolicies: [RetentionPolicyInfo]

    public init(name: String, incarnation: Int, defaultPolicy: RetentionPolicyInfo = RetentionPolicyInfo(name: "autogen")) {
        self.name = name
        self.incarnation = incarnation
        self.defaultRetentionPolicy = defaultPolicy.name
        self.retentionPolicies = [defaultPolicy]
    }

    public func retentionPolicy(_ name: String) -> RetentionPolicyInfo? {
        retentionPolicies.first { $0.name == name }
    }
}

/// Everything the store knows about its databases; persisted as `meta.json`.
public struct MetaData: Sendable, Codable, Equatable {
    public var databases: [DatabaseInfo] = []
    public var nextShardGroupID = 1
    public var nextShardID = 1
    public var nextIncarnation = 1

    public func database(_ name: String) -> DatabaseInfo? {
        databases.first { $0.name == name }
    }
}
