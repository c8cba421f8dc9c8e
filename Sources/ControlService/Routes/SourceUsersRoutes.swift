import Foundation
import Hummingbird
import InfluxClient

/// `/chronograf/v1/sources/{id}/users[/{uid}]`: the InfluxDB users of a source (Chronograf's InfluxDB Admin page),
/// read with `SHOW USERS` and `SHOW GRANTS` and changed with InfluxQL through the source, as Chronograf does for
/// InfluxDB OSS: permissions `{"scope":"all","allowed":["ALL"]}` for an admin and `{"scope":"database","name":…,
/// "allowed":["WRITE","READ"]}` per database; no roles (InfluxDB OSS has none).
struct SourceUsersRoutes {
    let store: ControlStore
    let client = InfluxHTTPClient()

    private struct Permission: Equatable {
        var scope: String
        var name: String?
        var allowed: Set<String>
    }

    func collection() -> RouteCollection<ControlRequestContext> {
        let routes = RouteCollection(context: ControlRequestContext.self)
        routes.get("/chronograf/v1/sources/{id}/users") { _, context in
            var users: [[String: Any]] = []
            for row in try await query("SHOW USERS", context) {
                guard let name = row.first as? String else { continue }
                users.append(
                    try document(name, permissions: try await permissions(of: name, admin: row.last as? Bool ?? false, context), context))
            }
            return try SourceJSON.response(["users": users.sorted { ($0["name"] as? String ?? "") < ($1["name"] as? String ?? "") }])
        }
        routes.post("/chronograf/v1/sources/{id}/users") { request, context in
            let body = try await SourceJSON.body(of: request)
            guard let name = body["name"] as? String, !name.isEmpty else {
                throw ChronografError(.unprocessableContent, "username required")
            }
            guard let password = body["password"] as? String, !password.isEmpty else {
                throw ChronografError(.unprocessableContent, "password required")
            }
            let wanted = try Self.permissions(body["permissions"])
            _ = try await query("CREATE USER \(DatabasesRoutes.quote(name)) WITH PASSWORD \(Self.literal(password))", context)
            for statement in Self.changes(from: [], to: wanted, user: name) { _ = try await query(statement, context) }
            let user = try await user(name, context)
            return try SourceJSON.response(user, status: .created, location: try link(name, context))
        }
        routes.get("/chronograf/v1/sources/{id}/users/{uid}") { _, context in
            try SourceJSON.response(try await user(context.pathValue("uid"), context))
        }
        routes.patch("/chronograf/v1/sources/{id}/users/{uid}") { request, context in
            let name = context.pathValue("uid")
            let body = try await SourceJSON.body(of: request)
            guard body["password"] != nil || body["permissions"] != nil || body["roles"] != nil else {
                throw ChronografError(.unprocessableContent, "no fields to update")
            }
            let current = try await existing(name, context)
            if let password = body["password"] as? String, !password.isEmpty {
                _ = try await query("SET PASSWORD FOR \(DatabasesRoutes.quote(name)) = \(Self.literal(password))", context)
            } else if body["permissions"] != nil {
                for statement in Self.changes(from: current, to: try Self.permissions(body["permissions"]), user: name) {
                    _ = try await query(statement, context)
                }
            }
            return try SourceJSON.response(try await user(name, context), location: try link(name, context))
        }
        routes.delete("/chronograf/v1/sources/{id}/users/{uid}") { _, context in
            _ = try await query("DROP USER \(DatabasesRoutes.quote(context.pathValue("uid")))", context)
            return Response(status: .noContent)
        }
        return routes
    }

    private func query(_ text: String, _ context: ControlRequestContext) async throws -> [[Any]] {
        try await SourceQuery(store: store, client: client).rows(text, context)
    }

    /// The user's permissions, or Chronograf's 400 `user not found`.
    private func existing(_ name: String, _ context: ControlRequestContext) async throws -> [Permission] {
        guard let row = try await query("SHOW USERS", context).first(where: { $0.first as? String == name }) else {
            throw ChronografError(.badRequest, "user not found")
        }
        return try await permissions(of: name, admin: row.last as? Bool ?? false, context)
    }

    private func user(_ name: String, _ context: ControlRequestContext) async throws -> [String: Any] {
        try document(name, permissions: try await existing(name, context), context)
    }

    private func permissions(of name: String, admin: Bool, _ context: ControlRequestContext) async throws -> [Permission] {
        var permissions = admin ? [Permission(scope: "all", allowed: ["ALL"])] : []
        for row in try await query("SHOW GRANTS FOR \(DatabasesRoutes.quote(name))", context) {
            guard let database = row.first as? String, let privilege = row.last as? String else { continue }
            let allowed: Set<String> =
                switch privilege {
                case "ALL PRIVILEGES", "ALL": ["WRITE", "READ"]
                case "READ": ["READ"]
                case "WRITE": ["WRITE"]
                default: []
                }
            if !allowed.isEmpty { permissions.append(Permission(scope: "database", name: database, allowed: allowed)) }
        }
        return permissions
    }

    private func document(_ name: String, permissions: [Permission], _ context: ControlRequestContext) throws -> [String: Any] {
        [
            "name": name, "links": ["self": try link(name, context)],
            "permissions": permissions.map { permission -> [String: Any] in
                var document: [String: Any] = ["scope": permission.scope, "allowed": Self.ordered(permission.allowed)]
                if let name = permission.name { document["name"] = name }
                return document
            },
        ]
    }

    private func link(_ name: String, _ context: ControlRequestContext) throws -> String {
        let escaped =
            name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? name
        return "/chronograf/v1/sources/\(try SourcesRoutes.id(context))/users/\(escaped)"
    }

    /// Chronograf writes WRITE before READ.
    private static func ordered(_ allowed: Set<String>) -> [String] {
        ["ALL", "WRITE", "READ"].filter(allowed.contains)
    }

    /// A request's permissions, checked with Chronograf's texts.
    private static func permissions(_ value: Any?) throws -> [Permission] {
        try (value as? [[String: Any]] ?? []).map { item in
            let scope = item["scope"] as? String ?? ""
            guard scope == "all" || scope == "database" else { throw ChronografError(.unprocessableContent, "Invalid permission scope") }
            let name = item["name"] as? String
            if scope == "database" && (name ?? "").isEmpty {
                throw ChronografError(.unprocessableContent, "Database scoped permission requires a name")
            }
            return Permission(scope: scope, name: scope == "database" ? name : nil, allowed: Set(item["allowed"] as? [String] ?? []))
        }
    }

    /// The GRANT and REVOKE statements that take a user from one set of permissions to another.
    private static func changes(from current: [Permission], to wanted: [Permission], user: String) -> [String] {
        let who = DatabasesRoutes.quote(user)
        var statements: [String] = []
        let isAdmin = current.contains { $0.scope == "all" && $0.allowed.contains("ALL") }
        let wantsAdmin = wanted.contains { $0.scope == "all" && $0.allowed.contains("ALL") }
        if wantsAdmin && !isAdmin { statements.append("GRANT ALL PRIVILEGES TO \(who)") }
        if isAdmin && !wantsAdmin { statements.append("REVOKE ALL PRIVILEGES FROM \(who)") }
        func privileges(_ permissions: [Permission]) -> [String: Set<String>] {
            Dictionary(
                permissions.filter { $0.scope == "database" }.map { ($0.name ?? "", $0.allowed.intersection(["READ", "WRITE"])) },
                uniquingKeysWith: { $0.union($1) })
        }
        let (had, want) = (privileges(current), privileges(wanted))
        for database in Set(had.keys).union(want.keys).sorted() where had[database, default: []] != want[database, default: []] {
            let on = DatabasesRoutes.quote(database)
            if !had[database, default: []].isEmpty { statements.append("REVOKE ALL ON \(on) FROM \(who)") }
            switch want[database, default: []] {
            case ["READ", "WRITE"]: statements.append("GRANT ALL ON \(on) TO \(who)")
            case ["READ"]: statements.append("GRANT READ ON \(on) TO \(who)")
            case ["WRITE"]: statements.append("GRANT WRITE ON \(on) TO \(who)")
            default: break
            }
        }
        return statements
    }

    /// A string literal for InfluxQL.
    private static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}
