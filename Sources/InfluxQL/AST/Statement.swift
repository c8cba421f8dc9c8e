/// One parsed InfluxQL statement.
public enum Statement: Sendable, Equatable {
    case createDatabase(CreateDatabaseStatement)
    case dropDatabase(name: String)
    case showDatabases
    case createRetentionPolicy(CreateRetentionPolicyStatement)
    case alterRetentionPolicy(AlterRetentionPolicyStatement)
    case dropRetentionPolicy(name: String, database: String)
    case showRetentionPolicies(database: String?)
    case showMeasurements(ShowMeasurementsStatement)
    case dropMeasurement(name: String)
    case deleteSeries(DeleteSeriesStatement)
    case showSeries(ShowSeriesStatement)
    case select(SelectStatement)
    case user(UserStatement)
    case subscription(SubscriptionStatement)
    case continuousQuery(ContinuousQueryStatement)
    case showShards
    /// `EXPLAIN [ANALYZE] SELECT …`.
    case explain(SelectStatement, analyze: Bool)
    /// `DROP SHARD id`.
    case dropShard(id: UInt64)
    case showShardGroups
    case showQueries
    /// `SHOW STATS [FOR 'module']`, `SHOW DIAGNOSTICS [FOR 'module']`.
    case showStats(module: String?)
    case showDiagnostics(module: String?)
    /// `KILL QUERY id [ON host]`; the host is ignored, as a single node has only itself.
    case killQuery(id: UInt64)

    /// Statements that change something; InfluxDB warns when they arrive in a GET request.
    public var isMutating: Bool {
        switch self {
        case .createDatabase, .dropDatabase, .createRetentionPolicy, .alterRetentionPolicy, .dropRetentionPolicy, .dropMeasurement: true
        case .deleteSeries(let delete): delete.dropsSeries
        case .user(let statement): statement.isMutating
        case .subscription(let statement): statement != .show
        case .continuousQuery(let statement): statement != .show
        case .select(let select): select.target != nil
        case .killQuery, .dropShard: true
        case .explain: false
        case .showDatabases, .showRetentionPolicies, .showMeasurements, .showSeries, .showShards, .showShardGroups, .showQueries,
            .showStats,
            .showDiagnostics:
            false
        }
    }
}
