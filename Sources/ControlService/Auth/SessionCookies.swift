import Foundation
import HTTPTypes
import Hummingbird

/// Reading cookies from a request's `Cookie` headers.
enum SessionCookies {
    static func value(of name: String, in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                    return String(parts[1]).trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return nil
    }
}

/// With OAuth on, every route needs a valid `session` cookie but the public ones: discovery, `/ping`, sign-in
/// (`/oauth/…`) and the UI's pages and files. Without one the answer is 403 with no body, as Chronograf gives it (the
/// UI then shows the login page). Deny by default, decided on the path as the router reads it (`publicPath`), so
/// `//chronograf/v1/sources` or `/ui/../chronograf/v1/sources` cannot slip past. Below `/chronograf/v1` the
/// signed-in user also needs the role the route asks for (`RouteRequirement`) in the current organization, or to be a
/// super admin; otherwise 403 `User is not authorized`, Chronograf's answer.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = ControlRequestContext
    let tokens: SessionToken
    let store: ControlStore
    /// Provider name → the group whose members are super admins (`auth0-superadmin-org`).
    let superAdminGroups: [String: String]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if Self.isPublic(path) { return try await next(request, context) }
        guard let person = Self.signedIn(request, tokens: tokens) else { return Response(status: .forbidden) }
        guard let segments = Self.apiSegments(path) else { return try await next(request, context) }
        let requirement = RouteRequirement.of(request.method, segments)
        // The user is made at its first call (Chronograf makes it at the UI's first `/me`), so the order of calls a
        // client makes cannot matter.
        let user = requirement == .session ? nil : try store.signIn(person, superAdminGroups: superAdminGroups)
        guard requirement == .session || allows(requirement, user: user, request: request) else {
            throw ChronografError(.forbidden, "User is not authorized")
        }
        try checkOrganization(of: segments, request: request)
        var context = context
        context.user = user
        return try await next(request, context)
    }

    /// A source (and all below it: Kapacitors, proxies, databases, rules) belongs to one organization: reached by id
    /// from another, it is not found, as Chronograf's organization-scoped stores answer.
    private func checkOrganization(of segments: [Substring], request: Request) throws {
        guard segments.count >= 2, segments[0] == "sources", let id = Int64(segments[1]), let source = try store.source(id) else { return }
        let current = MeRoutes.currentOrganization(request) ?? "default"
        if source.organization != current { throw ChronografError.notFound(id) }
    }

    private func allows(_ requirement: RouteRequirement, user: ChronografUser?, request: Request) -> Bool {
        guard let user else { return false }
        if user.superAdmin { return true }
        let current = MeRoutes.currentOrganization(request) ?? "default"
        switch requirement {
        case .session: return true
        case .superAdmin: return false
        case .role(let role): return user.role(in: current).map { $0 >= role } ?? false
        case .organizationAdmin(let organization): return organization == current && user.role(in: current) == .admin
        }
    }

    /// The segments below `/chronograf/v1`, normalized as `isPublic` reads them; nil for a path outside it.
    private static func apiSegments(_ path: String) -> [Substring]? {
        guard let decoded = path.removingPercentEncoding else { return nil }
        let segments = decoded.split(separator: "/").filter { $0 != "." }
        guard segments.count >= 2, segments[0] == "chronograf", segments[1] == "v1" else { return nil }
        return Array(segments.dropFirst(2))
    }

    /// The first path segments that need no session; `/chronograf/v1` itself (discovery) neither.
    private static let publicRoots: Set<String> = ["ui", "vendor", "sources", "login", "oauth", "ping", "index.html"]

    /// Whether `path` names a public route: its segments percent-decoded, empty and `.` ones dropped as the router
    /// drops them; any `..` makes it private.
    static func isPublic(_ path: String) -> Bool {
        guard let decoded = path.removingPercentEncoding else { return false }
        let segments = decoded.split(separator: "/").filter { $0 != "." }
        if segments.contains("..") { return false }
        guard let first = segments.first else { return true }
        return publicRoots.contains(String(first)) || segments == ["chronograf", "v1"]
    }

    /// Who signed in, if the request carries a valid session: the name, the provider and the groups it gave.
    static func signedIn(_ request: Request, tokens: SessionToken) -> SignedInPerson? {
        guard let cookie = SessionCookies.value(of: OAuthRoutes.sessionCookie, in: request), let claims = tokens.verify(cookie),
            let name = claims["sub"] as? String, !name.isEmpty, let provider = claims["iss"] as? String
        else { return nil }
        let groups = (claims["grp"] as? String ?? "").split(separator: ",").map(String.init)
        return SignedInPerson(name: name, provider: provider, groups: groups)
    }
}

/// A session's person: the claims the OAuth callback signed.
struct SignedInPerson {
    let name: String
    let provider: String
    let groups: [String]
}
