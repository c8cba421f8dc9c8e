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
/// `//chronograf/v1/sources` or `/ui/../chronograf/v1/sources` cannot slip past.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = ControlRequestContext
    let tokens: SessionToken

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if !Self.isPublic(request.uri.path) && Self.user(request, tokens: tokens) == nil { return Response(status: .forbidden) }
        return try await next(request, context)
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

    /// The signed-in user's name, if the request carries a valid session.
    static func user(_ request: Request, tokens: SessionToken) -> String? {
        guard let cookie = SessionCookies.value(of: OAuthRoutes.sessionCookie, in: request) else { return nil }
        return tokens.verify(cookie)?["sub"] as? String
    }
}
