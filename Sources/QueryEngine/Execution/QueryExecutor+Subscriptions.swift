import InfluxQL
import Storage
import TimeSeries

/// `CREATE SUBSCRIPTION`, `DROP SUBSCRIPTION`, `SHOW SUBSCRIPTIONS`.
extension QueryExecutor {
    func execute(_ statement: SubscriptionStatement) throws -> [ResultSeries] {
        switch statement {
        case .create(let name, let database, let policy, let mode, let destinations):
            let subscription = SubscriptionInfo(name: name, mode: mode == .all ? .all : .any, destinations: destinations)
            try engine.createSubscription(subscription, database: database, retentionPolicy: policy)
        case .drop(let name, let database, let policy):
            try engine.dropSubscription(name, database: database, retentionPolicy: policy)
        case .show:
            // One series per database that has subscriptions, named after it, as InfluxDB answers.
            return engine.databaseNames.compactMap { name -> ResultSeries? in
                guard let info = engine.databaseInfo(name) else { return nil }
                let rows = info.retentionPolicies.flatMap { policy in
                    policy.subscriptions.map { subscription -> [ResultValue] in
                        [
                            .string(policy.name), .string(subscription.name), .string(subscription.mode.rawValue),
                            .strings(subscription.destinations),
                        ]
                    }
                }
                guard !rows.isEmpty else { return nil }
                return ResultSeries(name: name, columns: ["retention_policy", "name", "mode", "destinations"], values: rows)
            }
        }
        return []
    }
}
