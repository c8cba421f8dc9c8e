import GRDB

/// The people who signed in, and `/config/auth`'s one setting.
extension ControlStore {
    func users() throws -> [ChronografUser] {
        try database.read { db in try ChronografUser.order(Column("id")).fetchAll(db) }
    }

    func user(id: Int64) throws -> ChronografUser? {
        try database.read { db in try ChronografUser.fetchOne(db, key: id) }
    }

    func user(name: String, provider: String) throws -> ChronografUser? {
        try database.read { db in
            try ChronografUser.filter(Column("name") == name && Column("provider") == provider && Column("scheme") == "oauth2").fetchOne(db)
        }
    }

    @discardableResult
    func save(_ user: ChronografUser) throws -> ChronografUser {
        try database.write { db in
            var record = user
            try record.save(db)
            return record
        }
    }

    func deleteUser(id: Int64) throws -> Bool {
        try database.write { db in try ChronografUser.deleteOne(db, key: id) }
    }

    /// The user a session's person is: found, or made at their first call (`firstSignIn`). A member of their
    /// provider's super-admin group (`auth0-superadmin-org`) is made a super admin, and stays one, as Chronograf does.
    func signIn(_ person: SignedInPerson, superAdminGroups: [String: String]) throws -> ChronografUser? {
        let isSuperAdminGroup = superAdminGroups[person.provider].map(person.groups.contains) ?? false
        guard var user = try self.user(name: person.name, provider: person.provider) else {
            return try firstSignIn(name: person.name, provider: person.provider, groups: person.groups, superAdmin: isSuperAdminGroup)
        }
        if isSuperAdminGroup && !user.superAdmin {
            user.superAdmin = true
            user = try save(user)
        }
        return user
    }

    /// The user a first sign-in makes, as Chronograf makes it: a super admin when nobody has signed in before (or
    /// when `superAdminNewUsers` is on), with the roles the mappings give (`groups`: the provider's organizations; for
    /// the generic provider, the email's domain); a super admin also gets the default organization's default role.
    /// Nil, and nothing kept, for someone no mapping lets in. Made in one transaction, so two first sign-ins cannot
    /// both become the first.
    func firstSignIn(name: String, provider: String, groups: [String], superAdmin: Bool = false) throws -> ChronografUser? {
        let roles = try mappedRoles(provider: provider, groups: groups)
        let defaultRole = try organization("default")?.defaultRole ?? "member"
        return try database.write { db in
            if let existing = try ChronografUser.filter(Column("name") == name && Column("provider") == provider).fetchOne(db) {
                return existing
            }
            let isSuper = try superAdmin || ChronografUser.fetchCount(db) == 0 || Self.superAdminNewUsers(db)
            var user = ChronografUser(name: name, provider: provider, superAdmin: isSuper, roles: roles)
            if isSuper && !roles.contains(where: { $0.organization == "default" }) {
                user.roles.append(.init(name: defaultRole, organization: "default"))
            }
            guard isSuper || !user.roles.isEmpty else { return nil }
            try user.insert(db)
            return user
        }
    }

    var superAdminNewUsers: Bool {
        get throws { try database.read { db in try Self.superAdminNewUsers(db) } }
    }

    func setSuperAdminNewUsers(_ value: Bool) throws {
        try database.write { db in
            try db.execute(
                sql:
                    "INSERT INTO config (key, value) VALUES ('superAdminNewUsers', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                arguments: [value ? "true" : "false"])
        }
    }

    private static func superAdminNewUsers(_ db: Database) throws -> Bool {
        try String.fetchOne(db, sql: "SELECT value FROM config WHERE key = 'superAdminNewUsers'") == "true"
    }
}
