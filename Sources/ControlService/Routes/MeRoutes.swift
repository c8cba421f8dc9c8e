import Foundation
import HTTPTypes
import Hummingbird

/// `/chronograf/v1/me` and `/chronograf/v1/env`. With authentication off (the default) there are no users, so the
/// current organization lives in a cookie: `PUT /me {"organization": id}` switches it (the UI's "Switch
/// Organizations"), and sources are then listed and created in that organization. Without the cookie every source
/// shows, as Chronograf shows them with auth off.
struct MeRoutes {
    static let cookie = "sundial-organization"
    let store: ControlStore
    /// With OAuth on: reads the signed-in user from the session.
    let tokens: SessionToken?

    func collection() -> RouteCollection<ControlRequestContext> {
        let routes = RouteCollection(context: ControlRequestContext.self)
        routes.get("/chronograf/v1/me") { request, _ in try me(Self.currentOrganization(request), user: user(request)) }
        routes.put("/chronograf/v1/me") { request, _ in
            let body = try await SourceJSON.body(of: request)
            guard let id = body["organization"] as? String, !id.isEmpty else {
                throw ChronografError(.unprocessableContent, "organization required")
            }
            guard try store.organization(id) != nil else { throw ChronografError(.notFound, "organization not found") }
            var response = try me(id, user: user(request))
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

    private func user(_ request: Request) -> String? {
        tokens.flatMap { SessionMiddleware.user(request, tokens: $0) }
    }

    /// With a signed-in user, who it is; Sundial does not keep users and roles yet, so a signed-in user may do
    /// everything (an admin of every organization).
    private func me(_ current: String?, user: String?) throws -> Response {
        var document: [String: Any] = ["links": ["self": "/chronograf/v1/me"]]
        if let user {
            document["name"] = user
            document["provider"] = "generic"
            document["scheme"] = "oauth2"
            document["superAdmin"] = true
            document["roles"] = [["name": "admin", "organization": current ?? "default"]]
        }
        let organizations = try store.organizations()
        document["organizations"] = organizations.map(OrganizationsRoutes.document)
        if let organization = organizations.first(where: { $0.id == (current ?? "default") }) {
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
