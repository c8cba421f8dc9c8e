import AsyncHTTPClient
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTP1

/// `/oauth/{provider}/login|callback|logout`: OAuth 2.0 authorization code sign-in with PKCE, as Chronograf's
/// generic provider does it. A successful callback sets the `session` cookie (a JWT signed with the token secret)
/// and goes to `/`; a failed one goes to `/login?error=…`.
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
        routes.get("/oauth/{provider}/login") { request, context in try login(request, context) }
        routes.get("/oauth/{provider}/callback") { request, context in try await callback(request, context) }
        routes.get("/oauth/{provider}/logout") { _, context in
            try ensureProvider(context)
            return Self.redirect("/login", cookie: "\(Self.sessionCookie)=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
        }
        return routes
    }

    private func ensureProvider(_ context: ControlRequestContext) throws {
        guard try context.parameters.require("provider") == settings.providerName else {
            throw ChronografError(.notFound, "no such provider")
        }
    }

    private func login(_ request: Request, _ context: ControlRequestContext) throws -> Response {
        try ensureProvider(context)
        let verifier = SessionToken.random()
        let challenge = SessionToken.base64URL(Data(SHA256.hash(data: Data(verifier.utf8))))
        let state = try tokens.sign(["nonce": SessionToken.random(), "exp": Int(Date().timeIntervalSince1970) + 600])
        var components = URLComponents(string: settings.authURL) ?? URLComponents()
        components.queryItems =
            (components.queryItems ?? []) + [
                URLQueryItem(name: "response_type", value: "code"), URLQueryItem(name: "client_id", value: settings.clientID),
                URLQueryItem(name: "redirect_uri", value: callbackURL(request)),
                URLQueryItem(name: "scope", value: settings.scopes.joined(separator: " ")),
                URLQueryItem(name: "state", value: state), URLQueryItem(name: "code_challenge", value: challenge),
                URLQueryItem(name: "code_challenge_method", value: "S256"),
            ]
        let cookie = "\(Self.verifierCookie)=\(verifier); Path=/oauth; HttpOnly; SameSite=Lax; Max-Age=600"
        return Self.redirect(components.string ?? settings.authURL, cookie: cookie)
    }

    private func callback(_ request: Request, _ context: ControlRequestContext) async throws -> Response {
        try ensureProvider(context)
        let query = request.uri.queryParameters
        guard let state = query["state"].map(String.init), tokens.verify(state) != nil else { return Self.failure("invalid state") }
        guard let code = query["code"].map(String.init), !code.isEmpty else { return Self.failure("no authorization code") }
        guard let verifier = SessionCookies.value(of: Self.verifierCookie, in: request) else { return Self.failure("the login expired") }
        let user: String
        do {
            let accessToken = try await exchange(code: code, verifier: verifier, redirectURI: callbackURL(request))
            user = try await userName(accessToken: accessToken)
        } catch let error as OAuthFailure {
            return Self.failure(error.reason)
        } catch {
            return Self.failure("\(error)")
        }
        if !settings.domains.isEmpty, !settings.domains.contains(where: { user.hasSuffix("@" + $0) }) {
            return Self.failure("Not a member of required domain")
        }
        let now = Int(Date().timeIntervalSince1970)
        let lifetime = settings.sessionSeconds > 0 ? Int(settings.sessionSeconds) : 86_400
        let session = try tokens.sign(["sub": user, "iss": settings.providerName, "iat": now, "exp": now + lifetime])
        let maxAge = settings.sessionSeconds > 0 ? "; Max-Age=\(settings.sessionSeconds)" : ""
        return Self.redirect("/", cookie: "\(Self.sessionCookie)=\(session); Path=/; HttpOnly; SameSite=Lax\(maxAge)")
    }

    /// The provider's token endpoint: the code (and PKCE verifier) for an access token.
    private func exchange(code: String, verifier: String, redirectURI: String) async throws -> String {
        var form = URLComponents()
        form.queryItems = [
            URLQueryItem(name: "grant_type", value: "authorization_code"), URLQueryItem(name: "code", value: code),
            URLQueryItem(name: "redirect_uri", value: redirectURI), URLQueryItem(name: "client_id", value: settings.clientID),
            URLQueryItem(name: "client_secret", value: settings.clientSecret), URLQueryItem(name: "code_verifier", value: verifier),
        ]
        var request = HTTPClientRequest(url: settings.tokenURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        request.body = .bytes(ByteBuffer(string: form.percentEncodedQuery ?? ""))
        let json = try await Self.fetchJSON(request, what: "token")
        guard let token = json["access_token"] as? String, !token.isEmpty else { throw OAuthFailure("the provider gave no access token") }
        return token
    }

    /// The user-info endpoint's `generic-api-key` field (the e-mail address) names the user.
    private func userName(accessToken: String) async throws -> String {
        var request = HTTPClientRequest(url: settings.userInfoURL)
        request.headers.add(name: "Authorization", value: "Bearer \(accessToken)")
        request.headers.add(name: "Accept", value: "application/json")
        let json = try await Self.fetchJSON(request, what: "user info")
        guard let name = json[settings.userInfoKey] as? String, !name.isEmpty else {
            throw OAuthFailure("the provider's user info has no \(settings.userInfoKey)")
        }
        return name
    }

    private static func fetchJSON(_ request: HTTPClientRequest, what: String) async throws -> [String: Any] {
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            body = try await response.body.collect(upTo: 1 << 20)
        } catch {
            throw OAuthFailure("cannot reach the provider's \(what) endpoint: \(error)")
        }
        guard response.status == .ok, let json = (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any]
        else {
            throw OAuthFailure("the provider's \(what) endpoint answered \(response.status.code)")
        }
        return json
    }

    private func callbackURL(_ request: Request) -> String {
        let base = settings.publicURL.isEmpty ? "http://\(request.head.authority ?? "localhost")" : settings.publicURL
        return (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/oauth/\(settings.providerName)/callback"
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

struct OAuthFailure: Error {
    let reason: String

    init(_ reason: String) {
        self.reason = reason
    }
}
