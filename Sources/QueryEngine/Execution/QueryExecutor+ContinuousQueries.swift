import InfluxQL
import Storage
import TimeSeries

/// `CREATE CONTINUOUS QUERY`, `DROP CONTINUOUS QUERY`, `SHOW CONTINUOUS QUERIES`, as InfluxDB runs them. Running the
/// queries on their schedule is `ContinuousQueries`' job.
extension QueryExecutor {
    func execute(_ statement: ContinuousQueryStatement, context: Context) throws -> [ResultSeries] {
        switch statement {
        case .create(var create):
            create.source = try normalizedContinuousQuerySource(create, context: context)
            try engine.createContinuousQuery(.init(name: create.name, query: create.description), database: create.database)
        case .drop(let name, let database):
            try engine.dropContinuousQuery(name, database: database)
        case .show:
            // Every database, those without continuous queries too (a series without values), as InfluxDB answers.
            return engine.continuousQueries().map { database, queries in
                ResultSeries(name: database, columns: ["name", "query"], values: queries.map { [.string($0.name), .string($0.query)] })
            }
        }
        return []
    }

    /// The SELECT with every measurement's database and retention policy filled in, as InfluxDB stores it: the
    /// request's `db` (else the query's own database) and `rp` (else the database's default policy); each named
    /// database and policy must exist.
    private func normalizedContinuousQuerySource(_ create: CreateContinuousQueryStatement, context: Context) throws -> SelectStatement {
        let defaultDatabase = context.database ?? create.database
        var missing: StorageError?
        let source = create.source.relocatingData { location in
            let database = location.database ?? defaultDatabase
            guard missing == nil, let info = engine.databaseInfo(database) else {
                if missing == nil { missing = StorageError(.databaseNotFound, "database not found: \(database)") }
                return location
            }
            let policy = location.retentionPolicy ?? context.retentionPolicy ?? info.defaultRetentionPolicy
            if info.retentionPolicy(policy) == nil {
                missing = StorageError(.retentionPolicyNotFound, "retention policy not found: \(database).\(policy)")
            }
            return (database, policy)
        }
        if let missing { throw missing }
        return source
    }
}
