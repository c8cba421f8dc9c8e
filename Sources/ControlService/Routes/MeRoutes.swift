import Foundation
import HTTPTypes
import Hummingbird

/// `/chronograf/v1/me` and `/chronograf/v1/env`. The current organization lives in a cookie: `PUT /me
/// {"organization": id}` switches it (the UI's "Switch Organizations"), and sources are then listed and created in
/// that organization. With authentication off (the default) there are no users, and without the cookie every source
/// shows, as Chronograf shows them with auth off. With OAuth on, the first `GET /me` after a sign-in makes the user
/// (`ControlStore.firstSignIn`), and switching needs a role in the organization (a super admin is given its default
/// role).
struct MeRoutes {
    static let cookie = "sundial-organization"
    let store: ControlStore
    /// With OAuth on: reads the signed-in user from the session.
    let tokens: SessionToken?
    /// Provider name → the group whose members are super admins (`auth0-superadmin-org`).
    let superAdminGroups: [String: String]

    func collection() -> RouteCollection<ControlRequestContext> {
        let routes = RouteCollection(context: ControlRequestContext.self)
        routes.get("/chronograf/v1/me") { request, _ in try me(Self.currentOrganization(request), user: signedInUser(request)) }
        routes.put("/chronograf/v1/me") { request, _ in
            let body = try await SourceJSON.body(of: request)
            guard let id = body["organization"] as? String, !id.isEmpty else {
                throw ChronografError(.unprocessableContent, "organization required")
            }
            guard let organization = try store.organization(id) else { throw ChronografError(.notFound, "organization not found") }
            var signedIn = try signedInUser(request)
            if var user = signedIn, user.role(in: id) == nil {
                guard user.superAdmin else { throw ChronografError(.forbidden, "user not found") }
                user.roles.append(.init(name: organization.defaultRole, organization: id))
                signedIn = try store.save(user)
            }
            var response = try me(id, user: signedIn)
            response.headers[.setCookie] = "\(Self.cookie)=\(id); Path=/; HttpOnly; SameSite=Lax"
            return response
        }
        routes.get("/chronograf/v1/env") { _, _ in
            try SourceJSON.response([
                "links": ["self": "/chronograf/v1/env"], "telegrafSystemInterval": "1m0s", "hostPageDisabled": false,
                "v3SupportEnabled": false,
            ])
        }
        return routes
    }

    /// The signed-in user, made at the first `/me` after a sign-in; nil with OAuth off.
    private func signedInUser(_ request: Request) throws -> ChronografUser? {
        guard let person = tokens.flatMap({ SessionMiddleware.signedIn(request, tokens: $0) }) else { return nil }
        guard let signedIn = try store.signIn(person, superAdminGroups: superAdminGroups) else {
            throw ChronografError(
                .forbidden, "This Chronograf is private. To gain access, you must be explicitly added by an administrator.")
        }
        return signedIn
    }

    /// With a signed-in user, who it is, with Chronograf's fields: its roles, the organizations it has one in, and
    /// the current one.
    private func me(_ current: String?, user: ChronografUser?) throws -> Response {
        let current = current ?? "default"
        var document: [String: Any] = ["links": ["self": "/chronograf/v1/me"]]
        var organizations = try store.organizations()
        if let user {
            document.merge(UsersRoutes.document(user, organization: nil)) { _, own in own }
            document["links"] = ["self": "/chronograf/v1/organizations/\(current)/users/\(user.id ?? 0)"]
            if !user.superAdmin { document.removeValue(forKey: "superAdmin") }
            let member = Set(user.roles.map(\.organization))
            organizations = organizations.filter { member.contains($0.id) }
        }
        document["organizations"] = organizations.map(OrganizationsRoutes.document)
        if let organization = try store.organization(current) {
            document["currentOrganization"] = OrganizationsRoutes.document(organization)
        }
        return try SourceJSON.response(document)
    }

    /// The organization chosen with `PUT /me`, if any.
    static func currentOrganization(_ request: Request) -> String? {
        guard let header = request.headers[.cookie] else { return nil }
        for part in header.split(separator: ";") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0] == cookie { return String(pair[1]) }
        }
        return nil
    }
}
