import AsyncHTTPClient
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTP1

/// `/oauth/{provider}/login|callback|logout` for each configured provider, and `/oauth/logout`: OAuth 2.0
/// authorization code sign-in with PKCE, as Chronograf does it. A successful callback sets the `session` cookie (a
/// JWT signed with the token secret: `sub` the person, `iss` the provider, `grp` their groups) and goes to `/`; a
/// failed one goes to `/login?error=…`.
struct OAuthRoutes {
    static let sessionCookie = "session"
    static let verifierCookie = "sundial-oauth-verifier"
    let settings: OAuthSettings
    let tokens: SessionToken

    init(settings: OAuthSettings) {
        self.settings = settings
        self.tokens = SessionToken(secret: settings.tokenSecret)
    }

    func collection() -> RouteCollection<ControlRequestContext> {
        let routes = RouteCollection(context: ControlRequestContext.self)
        routes.get("/oauth/{provider}/login") { request, context in try login(request, provider: try provider(context)) }
        routes.get("/oauth/{provider}/callback") { request, context in try await callback(request, provider: try provider(context)) }
        routes.get("/oauth/{provider}/logout") { _, context in
            _ = try provider(context)
            return Self.signOut()
        }
        routes.get("/oauth/logout") { _, _ in Self.signOut() }
        return routes
    }

    private static func signOut() -> Response {
        redirect("/login", cookie: "\(sessionCookie)=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
    }

    private func provider(_ context: ControlRequestContext) throws -> OAuthProvider {
        guard let provider = settings.provider(routeName: try context.parameters.require("provider")) else {
            throw ChronografError(.notFound, "no such provider")
        }
        return provider
    }

    private func login(_ request: Request, provider: OAuthProvider) throws -> Response {
        let verifier = SessionToken.random()
        let challenge = SessionToken.base64URL(Data(SHA256.hash(data: Data(verifier.utf8))))
        // The state names this login: its provider and a digest of the verifier only this browser holds, so a state
        // from another login (or a session token, signed with the same secret) is refused at the callback.
        let state = try tokens.sign([
            "typ": "state", "prv": provider.routeName, "vh": Self.digest(verifier), "exp": Int(Date().timeIntervalSince1970) + 600,
        ])
        var components = URLComponents(string: provider.authURL) ?? URLComponents()
        var items = [
            URLQueryItem(name: "response_type", value: "code"), URLQueryItem(name: "client_id", value: provider.clientID),
            URLQueryItem(name: "scope", value: provider.scopes.joined(separator: " ")), URLQueryItem(name: "state", value: state),
            URLQueryItem(name: "access_type", value: "online"), URLQueryItem(name: "code_challenge", value: challenge),
            URLQueryItem(name: "code_challenge_method", value: "S256"),
        ]
        if let callback = callbackURL(request, provider) { items.insert(URLQueryItem(name: "redirect_uri", value: callback), at: 2) }
        components.queryItems = (components.queryItems ?? []) + items
        let cookie = "\(Self.verifierCookie)=\(verifier); Path=/oauth; HttpOnly; SameSite=Lax; Max-Age=600"
        return Self.redirect(components.string ?? provider.authURL, cookie: cookie)
    }

    private func callback(_ request: Request, provider: OAuthProvider) async throws -> Response {
        let query = request.uri.queryParameters
        guard let verifier = SessionCookies.value(of: Self.verifierCookie, in: request) else { return Self.failure("the login expired") }
        guard let state = query["state"].map(String.init), let stated = tokens.verify(state), stated["typ"] as? String == "state",
            stated["prv"] as? String == provider.routeName, stated["vh"] as? String == Self.digest(verifier)
        else { return Self.failure("invalid state") }
        guard let code = query["code"].map(String.init), !code.isEmpty else { return Self.failure("no authorization code") }
        let identity: OAuthIdentity
        do {
            let accessToken = try await exchange(
                code: code, verifier: verifier, provider: provider, redirectURI: callbackURL(request, provider))
            identity = try await OAuthIdentity.of(provider, accessToken: accessToken)
        } catch let error as OAuthFailure {
            return Self.failure(error.reason)
        } catch {
            return Self.failure("\(error)")
        }
        let now = Int(Date().timeIntervalSince1970)
        let lifetime = settings.sessionSeconds > 0 ? Int(settings.sessionSeconds) : 86_400
        let claims: [String: Any] = [
            "sub": identity.subject, "iss": provider.name, "grp": identity.groups.joined(separator: ","), "iat": now, "exp": now + lifetime,
        ]
        let session = try tokens.sign(claims)
        let maxAge = settings.sessionSeconds > 0 ? "; Max-Age=\(settings.sessionSeconds)" : ""
        var response = Self.redirect("/", cookie: "\(Self.sessionCookie)=\(session); Path=/; HttpOnly; SameSite=Lax\(maxAge)")
        // The verifier has served: gone with the login.
        response.headers.append(
            HTTPField(name: .setCookie, value: "\(Self.verifierCookie)=; Path=/oauth; HttpOnly; SameSite=Lax; Max-Age=0"))
        return response
    }

    /// The provider's token endpoint: the code (and PKCE verifier) for an access token.
    private func exchange(code: String, verifier: String, provider: OAuthProvider, redirectURI: String?) async throws -> String {
        var form = URLComponents()
        form.queryItems = [
            URLQueryItem(name: "grant_type", value: "authorization_code"), URLQueryItem(name: "code", value: code),
            URLQueryItem(name: "client_id", value: provider.clientID), URLQueryItem(name: "client_secret", value: provider.clientSecret),
            URLQueryItem(name: "code_verifier", value: verifier),
        ]
        if let redirectURI { form.queryItems?.append(URLQueryItem(name: "redirect_uri", value: redirectURI)) }
        var request = HTTPClientRequest(url: provider.tokenURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        // `+` means a space in a form: a secret or code holding one must send it encoded.
        request.body = .bytes(ByteBuffer(string: (form.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")))
        let json = try await OAuthIdentity.fetchJSON(request, what: "token") as? [String: Any]
        guard let token = json?["access_token"] as? String, !token.isEmpty else { throw OAuthFailure("the provider gave no access token") }
        return token
    }

    /// The callback address sent to the provider, made as Chronograf makes it for that provider; nil for GitHub.
    private func callbackURL(_ request: Request, _ provider: OAuthProvider) -> String? {
        let path = "/oauth/\(provider.routeName)/callback"
        switch provider.callback {
        case .none: return nil
        case .publicURLOrHost:
            let base = settings.publicURL.isEmpty ? "http://\(request.head.authority ?? "localhost")" : settings.publicURL
            return (base.hasSuffix("/") ? String(base.dropLast()) : base) + path
        case .publicURLOrigin:
            // Without a public URL Chronograf sends the bare path, which no provider accepts: the request's host then.
            guard var components = URLComponents(string: settings.publicURL), components.host != nil else {
                return "http://\(request.head.authority ?? "localhost")" + path
            }
            components.path = path
            components.query = nil
            return components.string ?? path
        }
    }

    private static func digest(_ verifier: String) -> String {
        SessionToken.base64URL(Data(SHA256.hash(data: Data(("state:" + verifier).utf8))))
    }

    private static func failure(_ reason: String) -> Response {
        let encoded =
            reason.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+"))) ?? ""
        return redirect("/login?error=\(encoded)", cookie: nil)
    }

    static func redirect(_ location: String, cookie: String?) -> Response {
        var headers: HTTPFields = [.location: location]
        if let cookie { headers[.setCookie] = cookie }
        return Response(status: .temporaryRedirect, headers: headers)
    }
}
