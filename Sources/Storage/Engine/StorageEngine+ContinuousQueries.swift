/// `CREATE/DROP CONTINUOUS QUERY`, kept with their database in `meta.json`, with InfluxDB's rules: creating one that
/// exists with the same text (ignoring case) changes nothing, with another text is `continuous query already exists`;
/// dropping one that does not exist is no error. Dropping the database drops its continuous queries.
extension StorageEngine {
    public func createContinuousQuery(_ query: ContinuousQueryInfo, database: String) throws {
        try updateMeta(database: database) { info in
            if let existing = info.continuousQueries.first(where: { $0.name == query.name }) {
                guard existing.query.lowercased() == query.query.lowercased() else {
                    throw StorageError(.invalidArgument, "continuous query already exists")
                }
                return
            }
            info.continuousQueries.append(query)
        }
    }

    public func dropContinuousQuery(_ name: String, database: String) throws {
        guard databaseInfo(database) != nil else { return }
        try updateMeta(database: database) { info in info.continuousQueries.removeAll { $0.name == name } }
    }

    /// Every database's continuous queries, in database then creation order.
    public func continuousQueries() -> [(database: String, queries: [ContinuousQueryInfo])] {
        withLock { meta.databases.map { ($0.name, $0.continuousQueries) } }
    }
}
