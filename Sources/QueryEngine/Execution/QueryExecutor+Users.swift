import InfluxQL
import Storage
import StoreAccess
import TimeSeries

/// `CREATE/DROP USER`, `SET PASSWORD`, `GRANT`, `REVOKE`, `SHOW USERS`, `SHOW GRANTS`.
extension QueryExecutor {
    func execute(_ statement: UserStatement) throws -> [ResultSeries] {
        guard let access else { throw QueryError("users are not available without an access store") }
        switch statement {
        case .create(let name, let password, let isAdmin): try access.createUser(name, password: password, isAdmin: isAdmin)
        case .drop(let name): try access.dropUser(name)
        case .setPassword(let name, let password): try access.setPassword(name, password: password)
        case .grantAdmin(let user): try access.setAdmin(user, true)
        case .revokeAdmin(let user): try access.setAdmin(user, false)
        case .grant(let privilege, let database, let user): try setPrivilege(privilege, database: database, user: user, access)
        case .revoke(let privilege, let database, let user):
            // Revoking READ from ALL leaves WRITE, as InfluxDB clears only the revoked bit.
            let current = access.user(user)?.privileges[database] ?? Privilege.none
            let remaining: Privilege =
                switch (privilege, current) {
                case (.all, _), (.read, .read), (.write, .write), (_, .none): .none
                case (.read, .all): .write
                case (.write, .all): .read
                default: current
                }
            try setPrivilege(remaining, database: database, user: user, access)
        case .showUsers:
            return [
                ResultSeries(
                    name: nil, columns: ["user", "admin"], values: access.users.map { [.string($0.name), .boolean($0.isAdmin)] })
            ]
        case .showGrants(let user):
            guard let account = access.user(user) else { throw AccessError(.notFound, "user not found") }
            let grants = account.privileges.sorted { $0.key < $1.key }
            return [
                ResultSeries(
                    name: nil, columns: ["database", "privilege"], values: grants.map { [.string($0.key), .string($0.value.rawValue)] })
            ]
        }
        return []
    }

    private func setPrivilege(_ privilege: Privilege, database: String, user: String, _ access: AccessStore) throws {
        guard access.user(user) != nil else { throw AccessError(.notFound, "user not found") }
        guard engine.databaseInfo(database) != nil else { throw StorageError(.databaseNotFound, "database not found: \(database)") }
        try access.setPrivilege(user, database: database, privilege)
    }
}
