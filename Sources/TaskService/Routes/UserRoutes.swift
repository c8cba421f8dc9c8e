import Credentials
import Foundation
import Hummingbird

/// `/kapacitor/v1/users` (`[auth] enabled`): Kapacitor's user management. A user is `{"name","type","permissions"}`
/// with `type` `normal` or `admin`; passwords are kept as bcrypt hashes and never shown. The first user must be an
/// admin, so that the server cannot be left with users nobody can manage.
struct UserRoutes {
    let store: TaskStore
    let hasher: PasswordHasher

    private struct Body: Decodable {
        var name: String?
        var password: String?
        var type: String?
        var permissions: [KapacitorUser.Permission]?
    }

    func collection() -> RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.get("users") { request, _ in
            let users = try ListPage(request.uri.queryParameters).select(try store.users(), id: \.name)
            return try TaskRoutes.json(["users": users.map(Self.json)])
        }
        routes.post("users") { request, context in try create(try await TaskRoutes.decode(Body.self, request, context)) }
        routes.get("users/{name}") { _, context in
            guard let user = try store.user(try context.parameters.require("name")) else {
                throw KapacitorError(.notFound, "no user exists")
            }
            return try TaskRoutes.json(Self.json(user))
        }
        routes.patch("users/{name}") { request, context in
            try update(try context.parameters.require("name"), with: try await TaskRoutes.decode(Body.self, request, context))
        }
        routes.delete("users/{name}") { _, context in
            let name = try context.parameters.require("name")
            try store.deleteUser(name)
            hasher.forget(user: name)
            return Response(status: .noContent)
        }
        return routes
    }

    private func create(_ body: Body) throws -> Response {
        guard let name = body.name, !name.isEmpty else { throw KapacitorError.badRequest("username is required") }
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || "-._@".contains($0) }) else {
            throw KapacitorError.badRequest("username must contain only letters, numbers, '-', '.', '@' and '_'. \"\(name)\"")
        }
        guard let password = body.password, !password.isEmpty else { throw KapacitorError.badRequest("password is required") }
        let isAdmin = try Self.isAdmin(body.type) ?? false
        guard try store.user(name) == nil else { throw KapacitorError.badRequest("user already exists") }
        guard try isAdmin || store.hasUsers() else { throw KapacitorError.badRequest("the first user must be an admin (type \"admin\")") }
        let user = KapacitorUser(name: name, passwordHash: hasher.hash(password), isAdmin: isAdmin, permissions: body.permissions ?? [])
        try store.save(user)
        return try TaskRoutes.json(Self.json(user))
    }

    private func update(_ name: String, with body: Body) throws -> Response {
        guard var user = try store.user(name) else { throw KapacitorError(.notFound, "no user exists") }
        if let password = body.password, !password.isEmpty { user.passwordHash = hasher.hash(password) }
        if let isAdmin = try Self.isAdmin(body.type) { user.isAdmin = isAdmin }
        if let permissions = body.permissions { user.permissions = permissions }
        try store.save(user)
        hasher.forget(user: name)
        return try TaskRoutes.json(Self.json(user))
    }

    /// `admin`, `normal`, or nil when not given.
    private static func isAdmin(_ type: String?) throws -> Bool? {
        switch type {
        case nil, "": nil
        case "admin": true
        case "normal": false
        default: throw KapacitorError.badRequest("invalid JSON: unknown UserType \(type!)")
        }
    }

    static func json(_ user: KapacitorUser) -> [String: Any] {
        [
            "link": ["rel": "self", "href": "/kapacitor/v1/users/\(user.name)"], "name": user.name,
            "type": user.isAdmin ? "admin" : "normal",
            "permissions": user.isAdmin ? [] : user.permissions.map(\.rawValue),
        ]
    }
}
