import Credentials
import Foundation
import HTTPTypes
import Hummingbird

/// Who a tasks API request acts as, and whether it may do what it asks, with Kapacitor's rules and texts: credentials
/// from a bearer token, Basic auth or `u`/`p`; 401 when they are missing or wrong; 403 when the user lacks the
/// privilege the method needs (GET read, POST/PUT/PATCH write, DELETE delete) on the resource the path names
/// (`/kapacitor/v1/tasks/x` is `/api/tasks/x`).
struct TaskAuthenticator: Sendable {
    let settings: TaskAuthSettings
    let store: TaskStore
    let hasher: PasswordHasher

    init(settings: TaskAuthSettings, store: TaskStore) {
        self.settings = settings
        self.store = store
        hasher = PasswordHasher(cost: settings.bcryptCost, cacheExpiration: settings.cacheExpiration)
    }

    /// Throws Kapacitor's 401 or 403 unless the request may go on.
    func check(_ request: Request) throws {
        guard settings.isEnabled, request.method != .options else { return }
        let resource = try Self.resource(request.uri.path)
        if settings.hasUsers, try !store.hasUsers() {
            // Until an admin exists, creating one is the only thing anybody may do (InfluxDB's rule).
            guard request.method == .post, resource == "/api/users" else {
                throw TaskAuthError.unauthorized("create an admin user first (POST /kapacitor/v1/users) or disable authentication")
            }
            return
        }
        let user = try authenticate(request)
        let privilege = Self.privilege(of: request.method)
        // Only admins manage users (Kapacitor lets any user with the `api` permission make itself an admin).
        let allowed = resource == "/api/users" || resource.hasPrefix("/api/users/") ? user.isAdmin : user.may(privilege, on: resource)
        guard allowed else {
            throw TaskAuthError.forbidden(
                "user \(user.name) does not have \"\(privilege.name)\" privilege for API endpoint \"\(request.uri.path)\"")
        }
    }

    private func authenticate(_ request: Request) throws -> KapacitorUser {
        switch TaskCredentials(request) {
        case nil: throw TaskAuthError.unauthorized("unable to parse authentication credentials")
        case .bearer(let token): return try user(fromToken: token)
        case .subscriber(let token):
            guard let expected = settings.subscriptionToken, Self.constantTimeEqual(Array(token.utf8), Array(expected.utf8)) else {
                throw TaskAuthError.unauthorized("invalid subscription token")
            }
            return KapacitorUser(name: TaskCredentials.subscriberName, passwordHash: "", isAdmin: false, permissions: [.writePoints])
        case .password(let name, let password):
            guard !name.isEmpty else { throw TaskAuthError.unauthorized("username required") }
            guard settings.hasUsers, let user = try store.user(name) else {
                // As long as a wrong password takes, so timing does not tell which users exist.
                hasher.verifyNothing(password)
                throw TaskAuthError.unauthorized("authorization failed")
            }
            guard hasher.verify(password, user: name, hash: user.passwordHash) else {
                throw TaskAuthError.unauthorized("authorization failed")
            }
            return user
        }
    }

    /// A token signed with the shared secret names its user; without `[auth]` that user is an admin, as in Kapacitor.
    private func user(fromToken token: String) throws -> KapacitorUser {
        guard !settings.sharedSecret.isEmpty else { throw TaskAuthError.unauthorized("invalid token") }
        let name: String
        do {
            name = try HMACWebToken.username(in: token, secret: settings.sharedSecret)
        } catch {
            throw TaskAuthError.unauthorized(error.isVerification ? "invalid token: \(error)" : error.description)
        }
        guard settings.hasUsers else { return KapacitorUser(name: name, passwordHash: "", isAdmin: true, permissions: []) }
        guard let user = try store.user(name) else {
            throw TaskAuthError.unauthorized("retrieving user \"\(name)\" from store: no user exists")
        }
        return user
    }

    private static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        lhs.count == rhs.count && zip(lhs, rhs).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private static func privilege(of method: HTTPRequest.Method) -> KapacitorUser.Privilege {
        switch method {
        case .head, .options: .none
        case .get: .read
        case .delete: .delete
        default: .write
        }
    }

    /// `/api` and the path below `/kapacitor/v1` (or `v1preview`), decoded and normalized as the router reads it, so
    /// no spelling (`//`, `/./`, `%2F`, `..`) reaches a resource other than the one checked.
    static func resource(_ path: String) throws -> String {
        guard let decoded = path.removingPercentEncoding else { throw TaskAuthError.forbidden("invalid path") }
        var segments = decoded.split(separator: "/").filter { $0 != "." }
        guard !segments.contains("..") else { throw TaskAuthError.forbidden("invalid path") }
        if segments.count >= 2, segments[0] == "kapacitor", ["v1", "v1preview"].contains(segments[1]) {
            segments.removeFirst(2)
        }
        return "/api" + segments.map { "/" + $0 }.joined()
    }
}

/// What a tasks API request presents, read where Kapacitor reads it: `Authorization: Bearer <token>`, Basic auth
/// (user `~subscriber`: a subscription's token), then the `u` and `p` parameters (both needed).
enum TaskCredentials: Equatable {
    case bearer(String)
    case subscriber(token: String)
    case password(name: String, password: String)

    static let subscriberName = "~subscriber"

    init?(_ request: Request) {
        if let header = request.headers[.authorization] {
            if header.hasPrefix("Bearer ") {
                self = .bearer(String(header.dropFirst("Bearer ".count)))
                return
            }
            if header.hasPrefix("Basic "), let data = Data(base64Encoded: String(header.dropFirst("Basic ".count))),
                let decoded = String(data: data, encoding: .utf8), let colon = decoded.firstIndex(of: ":")
            {
                let name = String(decoded[..<colon])
                let password = String(decoded[decoded.index(after: colon)...])
                self = name == Self.subscriberName ? .subscriber(token: password) : .password(name: name, password: password)
                return
            }
        }
        let query = request.uri.queryParameters
        guard let name = query["u"].map(String.init), let password = query["p"].map(String.init), !name.isEmpty, !password.isEmpty
        else { return nil }
        self = .password(name: name, password: password)
    }
}

/// Kapacitor's auth refusals: compact `{"error","message"}` JSON.
struct TaskAuthError: HTTPResponseError {
    let status: HTTPResponse.Status
    let message: String

    static func unauthorized(_ message: String) -> TaskAuthError { TaskAuthError(status: .unauthorized, message: message) }
    static func forbidden(_ message: String) -> TaskAuthError { TaskAuthError(status: .forbidden, message: message) }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = try JSONSerialization.data(withJSONObject: ["error": message, "message": message], options: [.sortedKeys])
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// Checks every request before it reaches a route.
struct TaskAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let authenticator: TaskAuthenticator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try authenticator.check(request)
        return try await next(request, context)
    }
}
