import Foundation
import HTTPTypes
import Hummingbird

/// Chronograf's users API: `/chronograf/v1/users` (every user, super admins only) and
/// `/chronograf/v1/organizations/:oid/users` (the users with a role in one organization, its admins), and
/// `/chronograf/v1/config/auth` (`superAdminNewUsers`). Who may call each is `SessionMiddleware`'s business; the
/// rules about the super-admin flag are checked here, with Chronograf's texts.
struct UsersRoutes {
    let store: ControlStore

    func collection() -> RouteCollection<ControlRequestContext> {
        let routes = RouteCollection(context: ControlRequestContext.self)
        for base in ["/chronograf/v1/users", "/chronograf/v1/organizations/{oid}/users"] {
            routes.get(RouterPath(base)) { _, context in try list(scope(context)) }
            routes.post(RouterPath(base)) { request, context in
                try create(try await SourceJSON.body(of: request), organization: scope(context))
            }
            routes.get(RouterPath(base + "/{id}")) { _, context in
                try SourceJSON.response(Self.document(try user(context), organization: scope(context)))
            }
            routes.patch(RouterPath(base + "/{id}")) { request, context in
                let target = try user(context)
                let body = try await SourceJSON.body(of: request)
                if body["superAdmin"] as? Bool == false, target.superAdmin, target.id == context.user?.id {
                    throw ChronografError(.unauthorized, "user cannot modify their own SuperAdmin status")
                }
                return try update(target, with: body, organization: scope(context))
            }
            routes.delete(RouterPath(base + "/{id}")) { _, context in try delete(try user(context), organization: scope(context)) }
        }
        routes.get("/chronograf/v1/config") { _, _ in
            try SourceJSON.response([
                "links": ["self": "/chronograf/v1/config", "auth": "/chronograf/v1/config/auth"],
                "auth": ["superAdminNewUsers": try store.superAdminNewUsers],
            ])
        }
        routes.get("/chronograf/v1/config/auth") { _, _ in try authConfig() }
        routes.put("/chronograf/v1/config/auth") { request, _ in
            guard let value = try await SourceJSON.body(of: request)["superAdminNewUsers"] as? Bool else {
                throw ChronografError(.badRequest, "Unparsable JSON")
            }
            try store.setSuperAdminNewUsers(value)
            return try authConfig()
        }
        return routes
    }

    /// The organization an `/organizations/:oid/users` route is about; nil for `/users`.
    private func scope(_ context: ControlRequestContext) -> String? {
        context.parameters.get("oid")
    }

    private func user(_ context: ControlRequestContext) throws -> ChronografUser {
        guard let id = context.parameters.get("id").flatMap(Int64.init), let user = try store.user(id: id),
            scope(context).map({ user.role(in: $0) != nil }) ?? true
        else { throw ChronografError(.notFound, "ID \(context.parameters.get("id") ?? "") not found") }
        return user
    }

    private func list(_ organization: String?) throws -> Response {
        let users = try store.users().filter { user in organization.map { user.role(in: $0) != nil } ?? true }
        let base = organization.map { "/chronograf/v1/organizations/\($0)/users" } ?? "/chronograf/v1/users"
        return try SourceJSON.response(["links": ["self": base], "users": users.map { Self.document($0, organization: organization) }])
    }

    /// A POST adds a person before they sign in (or, in an organization's scope, gives an existing one a role there).
    private func create(_ body: [String: Any], organization: String?) throws -> Response {
        guard let name = body["name"] as? String, !name.isEmpty else {
            throw ChronografError(.unprocessableContent, "Name required on Chronograf User request body")
        }
        guard let provider = body["provider"] as? String, !provider.isEmpty else {
            throw ChronografError(.unprocessableContent, "provider required on Chronograf User request body")
        }
        guard body["scheme"] as? String != nil else {
            throw ChronografError(.unprocessableContent, "scheme required on Chronograf User request body")
        }
        let roles = try parseRoles(body["roles"] as? [[String: Any]] ?? [], organization: organization)
        var user = try store.user(name: name, provider: provider) ?? ChronografUser(name: name, provider: provider)
        if let organization {
            guard user.role(in: organization) == nil else { throw ChronografError(.badRequest, "user already exists") }
            user.roles += roles
        } else {
            guard user.id == nil else { throw ChronografError(.badRequest, "user already exists") }
            user.roles = roles
        }
        try setSuperAdmin(body["superAdmin"] as? Bool, on: &user, organization: organization)
        let saved = try store.save(user)
        let base = organization.map { "/chronograf/v1/organizations/\($0)/users" } ?? "/chronograf/v1/users"
        return try SourceJSON.response(
            Self.document(saved, organization: organization), status: .created, location: "\(base)/\(saved.id ?? 0)")
    }

    /// A PATCH sets the roles (in an organization's scope, its role only) and, for super admins, the flag.
    private func update(_ user: ChronografUser, with body: [String: Any], organization: String?) throws -> Response {
        var user = user
        guard let roles = body["roles"] as? [[String: Any]] else { throw ChronografError(.unprocessableContent, "no roles to update") }
        let parsed = try parseRoles(roles, organization: organization)
        user.roles = organization.map { scope in user.roles.filter { $0.organization != scope } + parsed } ?? parsed
        try setSuperAdmin(body["superAdmin"] as? Bool, on: &user, organization: organization)
        return try SourceJSON.response(Self.document(try store.save(user), organization: organization))
    }

    /// Roles from a body, `*` as the organization's default role, each in a known organization (in an organization's
    /// scope, that one), one per organization.
    private func parseRoles(_ roles: [[String: Any]], organization: String?) throws -> [ChronografUser.Role] {
        var parsed: [ChronografUser.Role] = []
        for role in roles {
            guard let name = role["name"] as? String, let id = role["organization"] as? String, let target = try store.organization(id)
            else { throw ChronografError(.unprocessableContent, "no organization was provided") }
            if let organization, id != organization {
                throw ChronografError(.badRequest, "organizationID \(id) does not match \(organization)")
            }
            let resolved = name == "*" ? target.defaultRole : name
            guard ControlRole(rawValue: resolved) != nil else {
                throw ChronografError(
                    .unprocessableContent, "unknown role \(name), valid roles are 'member', 'reader', 'viewer', 'editor', 'admin', and '*'")
            }
            guard !parsed.contains(where: { $0.organization == id }) else {
                throw ChronografError(.unprocessableContent, "duplicate organization \"\(id)\" in roles")
            }
            parsed.append(.init(name: resolved, organization: id))
        }
        return parsed
    }

    /// Only super admins, on the `/users` routes (`SessionMiddleware`), set the flag; an organization's admin may not.
    private func setSuperAdmin(_ flag: Bool?, on user: inout ChronografUser, organization: String?) throws {
        guard let flag, flag != user.superAdmin else { return }
        guard organization == nil else {
            throw ChronografError(
                .unauthorized,
                "user does not have authorization required to set SuperAdmin status, see https://github.com/influxdata/chronograf/issues/2601 for more information"
            )
        }
        user.superAdmin = flag
    }

    /// On `/users`, the user goes; on an organization's route, only its role there.
    private func delete(_ user: ChronografUser, organization: String?) throws -> Response {
        if let organization {
            var user = user
            user.roles.removeAll { $0.organization == organization }
            try store.save(user)
        } else {
            _ = try store.deleteUser(id: user.id ?? 0)
        }
        return Response(status: .noContent)
    }

    private func authConfig() throws -> Response {
        try SourceJSON.response(["links": ["self": "/chronograf/v1/config/auth"], "superAdminNewUsers": try store.superAdminNewUsers])
    }

    /// A user as Chronograf shows it; in an organization's scope, with its role there only.
    static func document(_ user: ChronografUser, organization: String?) -> [String: Any] {
        let roles = user.roles.filter { role in organization.map { role.organization == $0 } ?? true }
        let base = organization.map { "/chronograf/v1/organizations/\($0)/users" } ?? "/chronograf/v1/users"
        return [
            "links": ["self": "\(base)/\(user.id ?? 0)"], "id": String(user.id ?? 0), "name": user.name, "provider": user.provider,
            "scheme": user.scheme, "superAdmin": user.superAdmin,
            "roles": roles.map { ["name": $0.name, "organization": $0.organization] },
        ]
    }
}
