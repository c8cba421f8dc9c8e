import InfluxQL
import RE2Regex
import Storage
import StoreAccess
import TimeSeries

/// Database, retention-policy and measurement statements.
extension QueryExecutor {
    func createDatabase(_ create: CreateDatabaseStatement) throws {
        guard let settings = create.policy else { return try engine.createDatabase(create.name) }
        try engine.createDatabase(
            create.name,
            defaultPolicy: RetentionPolicyInfo(
                name: settings.name ?? "autogen", duration: settings.duration ?? 0,
                shardGroupDuration: settings.shardGroupDuration, replicaN: settings.replication ?? 1
            )
        )
    }

    func createRetentionPolicy(_ create: CreateRetentionPolicyStatement) throws {
        let settings = create.settings
        try engine.createRetentionPolicy(
            RetentionPolicyInfo(
                name: settings.name ?? "", duration: settings.duration ?? 0, shardGroupDuration: settings.shardGroupDuration,
                replicaN: settings.replication ?? 1
            ),
            database: create.database, makeDefault: settings.makeDefault
        )
    }

    /// The store's databases the principal may use, then the names DBRP mappings give (InfluxDB 2.x's listing).
    func showDatabases(for principal: Principal?) -> ResultSeries {
        var names = engine.databaseNames
        if let principal, let access {
            // A user sees the databases it holds any privilege on; a token those it may read (as InfluxDB 2.x).
            let listed: (String) -> Bool =
                if case .token = principal { { access.may(principal, .read, on: $0) } } else {
                    { access.may(principal, .read, on: $0) || access.may(principal, .write, on: $0) }
                }
            names = names.filter(listed)
        }
        for (mapping, _) in access?.mappedNames(readableBy: principal, excluding: Set(engine.databaseNames)) ?? []
        where !names.contains(mapping.database) {
            names.append(mapping.database)
        }
        return ResultSeries(name: "databases", columns: ["name"], values: names.map { [.string($0)] })
    }

    func showRetentionPolicies(_ database: String?, for principal: Principal?) throws -> ResultSeries {
        guard let database else { throw QueryError("database name required") }
        let columns = ["name", "duration", "shardGroupDuration", "replicaN", "default"]
        guard let info = engine.databaseInfo(database) else {
            // A name only DBRP mappings give: each mapping's policy name with its bucket's retention, as InfluxDB 2.x.
            let mapped = (access?.mappedNames(readableBy: principal, excluding: Set(engine.databaseNames)) ?? []).filter {
                $0.0.database == database
            }
            guard !mapped.isEmpty else { throw StorageError(.databaseNotFound, "database not found: \(database)") }
            return ResultSeries(
                name: nil, columns: columns,
                values: mapped.map { mapping, bucket in
                    let policy = engine.databaseInfo(bucket.database)?.retentionPolicy(bucket.retentionPolicy)
                    return [
                        .string(mapping.retentionPolicy),
                        .string(GoDuration.format(nanoseconds: bucket.retentionSeconds.multipliedSaturated(by: 1_000_000_000))),
                        .string(GoDuration.format(nanoseconds: policy?.shardGroupDuration ?? 0)), .integer(1), .boolean(mapping.isDefault),
                    ]
                })
        }
        return ResultSeries(
            name: nil,
            columns: ["name", "duration", "shardGroupDuration", "replicaN", "default"],
            values: info.retentionPolicies.map { policy in
                [
                    .string(policy.name), .string(GoDuration.format(nanoseconds: policy.duration)),
                    .string(GoDuration.format(nanoseconds: policy.shardGroupDuration)), .integer(Int64(policy.replicaN)),
                    .boolean(policy.name == info.defaultRetentionPolicy),
                ]
            }
        )
    }

    func showMeasurements(_ show: ShowMeasurementsStatement, database: String?) throws -> [ResultSeries] {
        guard let database else { throw QueryError("database name required") }
        var names = try engine.measurementNames(database: database)
        switch show.filter {
        case .equals(let name): names = names.filter { $0 == name }
        case .matches(let pattern):
            let regex = try RE2Regex(pattern)
            names = names.filter { regex.matches($0) }
        case nil: break
        }
        let condition = try SeriesCondition(show.condition, now: engine.configuration.clock())
        if condition.predicate != nil {
            names = try names.filter { try !matchingSeries($0, database: database, condition: condition).isEmpty }
        }
        names = Array(names.dropFirst(show.offset ?? 0).prefix(show.limit.map { $0 > 0 ? $0 : Int.max } ?? Int.max))
        guard !names.isEmpty else { return [] }
        return [ResultSeries(name: "measurements", columns: ["name"], values: names.map { [.string($0)] })]
    }
}
