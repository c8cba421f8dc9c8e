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

/// With OAuth on, every `/chronograf/v1` route but discovery needs a valid `session` cookie; without one the answer
/// is 403 with no body, as Chronograf gives it (the UI then shows the login page).
struct SessionMiddleware: RouterMiddleware {
    typealias Context = ControlRequestContext
    let tokens: SessionToken

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        let isAPI = path.hasPrefix("/chronograf/v1/") && path != "/chronograf/v1/"
        if isAPI && Self.user(request, tokens: tokens) == nil { return Response(status: .forbidden) }
        return try await next(request, context)
    }

    /// The signed-in user's name, if the request carries a valid session.
    static func user(_ request: Request, tokens: SessionToken) -> String? {
        guard let cookie = SessionCookies.value(of: OAuthRoutes.sessionCookie, in: request) else { return nil }
        return tokens.verify(cookie)?["sub"] as? String
    }
}
