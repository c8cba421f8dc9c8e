/// A database: its retention policies and which one writes go to when none is named.
public struct DatabaseInfo: Sendable, Codable, Equatable {
    public var name: String
    /// Distinguishes a database from an earlier one of the same name that was dropped; WAL records carry it so
    /// replay never applies an old database's writes or drop to a new one.
    public var incarnation: Int
    public var defaultRetentionPolicy: String
    public var retentionPolicies: [RetentionPolicyInfo]
    /// `CREATE CONTINUOUS QUERY`s on this database, in creation order.
    public var continuousQueries: [ContinuousQueryInfo] = []

    public init(name: String, incarnation: Int, defaultPolicy: RetentionPolicyInfo = RetentionPolicyInfo(name: "autogen")) {
        self.name = name
        self.incarnation = incarnation
        self.defaultRetentionPolicy = defaultPolicy.name
        self.retentionPolicies = [defaultPolicy]
    }

    private enum CodingKeys: String, CodingKey {
        case name, incarnation, defaultRetentionPolicy, retentionPolicies, continuousQueries
    }

    /// Reads `meta.json` of every version; files from before continuous queries have none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        incarnation = try container.decode(Int.self, forKey: .incarnation)
        defaultRetentionPolicy = try container.decode(String.self, forKey: .defaultRetentionPolicy)
        retentionPolicies = try container.decode([RetentionPolicyInfo].self, forKey: .retentionPolicies)
        continuousQueries = try container.decodeIfPresent([ContinuousQueryInfo].self, forKey: .continuousQueries) ?? []
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
