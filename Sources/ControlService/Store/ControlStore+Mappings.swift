import GRDB

/// Chronograf's organization mappings: who signing in gets a role where. A mapping matches a person by provider,
/// scheme and provider organization (`*` matches any) and gives the organization's default role; the default one
/// (`*`, `*`, `*` → `default`) is made at first start.
extension ControlStore {
    struct Mapping: Codable, Equatable, FetchableRecord, PersistableRecord {
        static let databaseTableName = "mapping"
        var id: String
        var organizationId: String
        var provider: String
        var scheme: String
        var providerOrganization: String

        func matches(provider name: String, groups: [String]) -> Bool {
            (provider == "*" || provider == name) && (scheme == "*" || scheme == "oauth2")
                && (providerOrganization == "*" || groups.contains(providerOrganization))
        }
    }

    func mappings() throws -> [Mapping] {
        try database.read { db in try Mapping.fetchAll(db, sql: "SELECT * FROM mapping ORDER BY rowid") }
    }

    func mapping(_ id: String) throws -> Mapping? {
        try database.read { db in try Mapping.fetchOne(db, key: id) }
    }

    func save(_ mapping: Mapping) throws {
        try database.write { db in try mapping.save(db) }
    }

    func deleteMapping(_ id: String) throws -> Bool {
        try database.write { db in try Mapping.deleteOne(db, key: id) }
    }

    /// A new mapping's id: after every numeric one in use.
    func nextMappingID() throws -> String {
        try database.read { db in String((try String.fetchAll(db, sql: "SELECT id FROM mapping").compactMap { Int($0) }.max() ?? 0) + 1) }
    }

    /// The roles the mappings give a person signing in for the first time: each matching mapping's organization's
    /// default role, once per organization.
    func mappedRoles(provider: String, groups: [String]) throws -> [ChronografUser.Role] {
        let organizations = try organizations()
        var roles: [ChronografUser.Role] = []
        for mapping in try mappings() where mapping.matches(provider: provider, groups: groups) {
            guard let organization = organizations.first(where: { $0.id == mapping.organizationId }),
                !roles.contains(where: { $0.organization == organization.id })
            else { continue }
            roles.append(.init(name: organization.defaultRole, organization: organization.id))
        }
        return roles
    }
}
