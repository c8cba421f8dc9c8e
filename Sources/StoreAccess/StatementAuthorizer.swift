public import InfluxQL

/// Who a request acts as once authenticated: an InfluxDB 1.x user or an InfluxDB 2.x token.
public enum Principal: Sendable {
    case user(UserAccount)
    case token(APIToken)

    public var name: String {
        switch self {
        case .user(let account): account.name
        case .token(let token): token.description.isEmpty ? token.id : token.description
        }
    }

    public var isAdmin: Bool {
        switch self {
        case .user(let account): account.isAdmin
        case .token(let token): token.isOperator
        }
    }
}

/// InfluxDB 1.x's rules for which statements a principal may run: admins everything; others READ or WRITE on the
/// databases a statement touches; some statements only admins.
extension AccessStore {
    /// nil when allowed, else InfluxDB's reason (`bob not authorized to execute statement '…', requires admin privilege`).
    public func denial(of statement: Statement, by principal: Principal, defaultDatabase: String?) -> String? {
        guard !principal.isAdmin else { return nil }
        let needs = Self.requirement(of: statement, defaultDatabase: defaultDatabase)
        let text = StatementPrinter.print(statement)
        switch needs {
        case .nothing: return nil
        case .admin: return "\(principal.name) not authorized to execute statement '\(text)', requires admin privilege"
        case .privileges(let needs):
            for (privilege, database) in needs where !may(principal, privilege, on: database) {
                return "\(principal.name) not authorized to execute statement '\(text)', requires \(privilege.rawValue) on \(database)"
            }
            return nil
        }
    }

    /// A token's statement on a database it may not use, answered as InfluxDB 2.x answers it: reading one is as if
    /// it did not exist (2.x hides the DBRP mappings of buckets a token cannot read), writing one is `insufficient
    /// permissions`, each as that statement's error. nil for a user, an operator token, or a statement it may run.
    public func tokenRefusal(of statement: Statement, by principal: Principal, defaultDatabase: String?) -> String? {
        guard case .token = principal, !principal.isAdmin,
            case .privileges(let needs) = Self.requirement(of: statement, defaultDatabase: defaultDatabase)
        else { return nil }
        for (privilege, database) in needs where !may(principal, privilege, on: database) {
            return privilege == .read ? "database not found: \(database)" : "insufficient permissions"
        }
        return nil
    }

    /// Whether the principal may read or write `database` (a token: through a bucket that stores there).
    public func may(_ principal: Principal, _ privilege: Privilege, on database: String) -> Bool {
        switch principal {
        case .user(let account): return account.may(privilege, on: database)
        case .token(let token):
            if token.isOperator { return true }
            let action: APIToken.Permission.Action = privilege == .write ? .write : .read
            return buckets(orgID: token.orgID).contains { $0.database == database && token.allows(action, bucketID: $0.id) }
        }
    }

    enum Requirement {
        case nothing
        case admin
        /// Each privilege on its database, in the order they are checked.
        case privileges([(Privilege, String)])

        static func privilege(_ privilege: Privilege, databases: [String]) -> Requirement {
            .privileges(databases.map { (privilege, $0) })
        }
    }

    /// The databases a SELECT reads, through its subqueries too; nil is the request's database.
    static func sourceDatabases(_ select: SelectStatement) -> [String?] {
        select.sources.flatMap { source in source.subquery.map { sourceDatabases($0.statement) } ?? [source.database] }
    }

    static func requirement(of statement: Statement, defaultDatabase: String?) -> Requirement {
        let onDefault = { (privilege: Privilege) in Requirement.privilege(privilege, databases: [defaultDatabase ?? ""]) }
        switch statement {
        case .showDatabases: return .nothing
        case .showQueries: return onDefault(.read)
        case .createDatabase, .dropDatabase, .createRetentionPolicy, .alterRetentionPolicy, .dropMeasurement, .user, .subscription,
            .showShards, .showShardGroups, .dropShard, .killQuery, .showStats, .showDiagnostics:
            return .admin
        case .dropRetentionPolicy(_, let database): return .privilege(.write, databases: [database])
        case .showRetentionPolicies(let database): return .privilege(.read, databases: [database ?? defaultDatabase ?? ""])
        case .showMeasurements(let show): return .privilege(.read, databases: [show.database ?? defaultDatabase ?? ""])
        case .showSeries(let show): return .privilege(.read, databases: [show.database ?? defaultDatabase ?? ""])
        case .deleteSeries: return onDefault(.write)
        case .continuousQuery(.show): return onDefault(.read)
        case .continuousQuery(.drop(_, let database)): return .privilege(.write, databases: [database])
        case .continuousQuery(.create(let create)):
            // InfluxDB asks only READ on the CQ's database, and WRITE on another database it writes into.
            guard let target = create.source.target?.database else { return .privilege(.read, databases: [create.database]) }
            return .privileges([(.read, create.database), (.write, target)])
        case .explain(let select, _): return requirement(of: .select(select), defaultDatabase: defaultDatabase)
        case .select(let select):
            let databases = Array(Set(Self.sourceDatabases(select).map { $0 ?? defaultDatabase ?? "" })).sorted()
            let reads = databases.map { (Privilege.read, $0) }
            // SELECT INTO also writes its target.
            guard let target = select.target else { return .privileges(reads) }
            return .privileges(reads + [(.write, target.database ?? defaultDatabase ?? "")])
        }
    }
}
