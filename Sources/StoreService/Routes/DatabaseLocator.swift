import Storage
import StoreAccess

/// Where the data a 1.x request names (`db`, `rp`) lives: that database when the store has it, else the bucket a
/// DBRP mapping gives for the name, as InfluxDB 2.x resolves 1.x names. Only the request's `db`/`rp` are mapped;
/// a `FROM db.rp.m` inside a query names the store's databases directly.
struct DatabaseLocator: Sendable {
    let engine: StorageEngine
    let access: AccessStore

    /// The database and policy a request's `db` and `rp` parameters name (empty ones count as absent).
    func locate(_ parameters: [String: String]) -> (database: String?, retentionPolicy: String?) {
        let retentionPolicy = parameters["rp"].flatMap { $0.isEmpty ? nil : $0 }
        guard let database = parameters["db"], !database.isEmpty else { return (nil, retentionPolicy) }
        let located = locate(database: database, retentionPolicy: retentionPolicy)
        return (located.database, located.retentionPolicy)
    }

    func locate(database: String, retentionPolicy: String?) -> (database: String, retentionPolicy: String?) {
        guard engine.databaseInfo(database) == nil,
            let bucket = access.resolve(database: database, retentionPolicy: retentionPolicy)
        else { return (database, retentionPolicy) }
        return (bucket.database, bucket.retentionPolicy)
    }
}
