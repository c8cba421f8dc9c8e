import InfluxQL
import Storage
import StoreAccess

/// Where the data a 1.x request names lives: that database when the store has it, else the bucket a DBRP mapping
/// gives for the name, as InfluxDB 2.x resolves 1.x names — for the request's `db`/`rp` and for every database a
/// statement names (`FROM "db"."rp".m`, `INTO`, `ON db`).
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
        guard let bucket = mappedBucket(database: database, retentionPolicy: retentionPolicy) else { return (database, retentionPolicy) }
        return (bucket.database, bucket.retentionPolicy)
    }

    /// The statements with each database they name mapped. `requestDatabase` is the request's `db` as sent, so that
    /// `FROM "rp".m` finds the mapping of (`db`, `rp`). `changed` tells whether any name was mapped.
    func locate(_ statements: [Statement], requestDatabase: String?) -> (statements: [Statement], changed: Bool) {
        var changed = false
        let located = statements.map { statement in
            statement.relocatingData { (database, retentionPolicy) in
                guard let named = database ?? requestDatabase, database != nil || retentionPolicy != nil,
                    let bucket = mappedBucket(database: named, retentionPolicy: retentionPolicy)
                else { return (database, retentionPolicy) }
                changed = true
                return (bucket.database, bucket.retentionPolicy)
            }
        }
        return (located, changed)
    }

    /// The bucket a mapping gives for a name the store has no database of.
    private func mappedBucket(database: String, retentionPolicy: String?) -> Bucket? {
        guard engine.databaseInfo(database) == nil else { return nil }
        return access.resolve(database: database, retentionPolicy: retentionPolicy)
    }
}
