/// A privilege on one database, as `GRANT`, `REVOKE` and `SHOW GRANTS` name it.
public enum Privilege: String, Sendable, Equatable, Codable {
    case read = "READ"
    case write = "WRITE"
    case all = "ALL PRIVILEGES"
    case none = "NO PRIVILEGES"

    /// Whether holding `self` on a database allows what `needed` allows.
    public func covers(_ needed: Privilege) -> Bool {
        switch needed {
        case .none: true
        case .read: self == .read || self == .all
        case .write: self == .write || self == .all
        case .all: self == .all
        }
    }
}

/// `CREATE USER`, `DROP USER`, `SET PASSWORD`, `GRANT`, `REVOKE`, `SHOW USERS` and `SHOW GRANTS`.
public enum UserStatement: Sendable, Equatable {
    case create(name: String, password: String, isAdmin: Bool)
    case drop(name: String)
    case setPassword(name: String, password: String)
    /// `GRANT READ|WRITE|ALL ON db TO user`.
    case grant(Privilege, database: String, user: String)
    /// `GRANT ALL PRIVILEGES TO user`: makes the user an admin.
    case grantAdmin(user: String)
    case revoke(Privilege, database: String, user: String)
    case revokeAdmin(user: String)
    case showUsers
    case showGrants(user: String)

    /// As InfluxDB prints it; passwords are always `[REDACTED]`.
    public var description: String {
        let quote = StatementPrinter.quote
        switch self {
        case .create(let name, _, let isAdmin):
            return "CREATE USER \(quote(name)) WITH PASSWORD [REDACTED]" + (isAdmin ? " WITH ALL PRIVILEGES" : "")
        case .drop(let name): return "DROP USER \(quote(name))"
        case .setPassword(let name, _): return "SET PASSWORD FOR \(quote(name)) = [REDACTED]"
        case .grant(let privilege, let database, let user):
            return "GRANT \(privilege.rawValue) ON \(quote(database)) TO \(quote(user))"
        case .grantAdmin(let user): return "GRANT ALL PRIVILEGES TO \(quote(user))"
        case .revoke(let privilege, let database, let user):
            return "REVOKE \(privilege.rawValue) ON \(quote(database)) FROM \(quote(user))"
        case .revokeAdmin(let user): return "REVOKE ALL PRIVILEGES FROM \(quote(user))"
        case .showUsers: return "SHOW USERS"
        case .showGrants(let user): return "SHOW GRANTS FOR \(quote(user))"
        }
    }

    public var isMutating: Bool {
        switch self {
        case .showUsers, .showGrants: false
        default: true
        }
    }
}
