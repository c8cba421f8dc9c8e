/// `CREATE SUBSCRIPTION`, `DROP SUBSCRIPTION` and `SHOW SUBSCRIPTIONS`.
public enum SubscriptionStatement: Sendable, Equatable {
    /// ALL: every destination gets every write; ANY: one destination per write, round-robin.
    public enum Mode: String, Sendable, Equatable {
        case all = "ALL"
        case any = "ANY"
    }

    case create(name: String, database: String, retentionPolicy: String, mode: Mode, destinations: [String])
    case drop(name: String, database: String, retentionPolicy: String)
    case show

    /// As InfluxDB prints it.
    public var description: String {
        let quote = StatementPrinter.quote
        switch self {
        case .create(let name, let database, let policy, let mode, let destinations):
            let list = destinations.map(ExpressionPrinter.quoteString).joined(separator: ", ")
            return "CREATE SUBSCRIPTION \(quote(name)) ON \(quote(database)).\(quote(policy)) DESTINATIONS \(mode.rawValue) \(list)"
        case .drop(let name, let database, let policy):
            return "DROP SUBSCRIPTION \(quote(name)) ON \(quote(database)).\(quote(policy))"
        case .show: return "SHOW SUBSCRIPTIONS"
        }
    }
}
