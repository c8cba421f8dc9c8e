import Credentials
import Foundation
import Hummingbird
import InfluxQL
import StoreAccess

/// Decides who a `/query` or `/write` request acts as when `[store] auth-enabled` is on, with InfluxDB 1.x's
/// answers: 401 for missing or wrong credentials, 403 for what the principal may not do.
///
/// A user name and password stand for an API token when the password is one, whatever the user name, as InfluxDB
/// 2.x's 1.x compatibility layer takes them (Kapacitor with `username = "<user>"`, `password = "<token>"`); else for
/// the 1.x user (`AccessStore.principal(user:password:)`).
struct RequestAuthenticator: Sendable {
    let access: AccessStore
    let isEnabled: Bool
    /// `[store] shared-secret`: `Authorization: Bearer <JWT>` signed with it names a user (`username`, `exp`), as
    /// InfluxDB 1.x's `[http] shared-secret` does; empty, bearer tokens are API tokens only.
    var sharedSecret = ""

    /// Until an admin exists (a 1.x admin user or the setup's operator token), an auth-enabled store lets only the
    /// query that creates one through.
    var isBootstrapping: Bool {
        isEnabled && !access.hasAdmin && !access.tokens().contains(where: \.isOperator)
    }

    /// The principal, nil when auth is off; throws 401 when credentials are missing or wrong.
    func authenticate(_ request: Request, parameters: [String: String]) throws -> Principal? {
        guard isEnabled, !isBootstrapping else { return nil }
        guard let credentials = PresentedCredentials(request: request, parameters: parameters) else {
            throw InfluxErrorResponse(.unauthorized, "unable to parse authentication credentials")
        }
        switch credentials {
        case .password(let user, let password):
            if let principal = access.principal(user: user, password: password) { return principal }
            throw InfluxErrorResponse(.unauthorized, user.isEmpty ? "username required" : "authorization failed")
        case .token(let secret):
            if let token = access.token(matching: secret) { return .token(token) }
            if !sharedSecret.isEmpty, secret.split(separator: ".", omittingEmptySubsequences: false).count == 3 {
                return .user(try user(fromWebToken: secret))
            }
            throw InfluxErrorResponse(.unauthorized, "authorization failed")
        }
    }

    /// The user a token signed with the shared secret names, with InfluxDB 1.x's 401 texts.
    private func user(fromWebToken token: String) throws -> UserAccount {
        let name: String
        do {
            name = try HMACWebToken.username(in: token, secret: sharedSecret)
        } catch {
            throw InfluxErrorResponse(.unauthorized, error.description)
        }
        guard let account = access.user(name) else { throw InfluxErrorResponse(.unauthorized, "user not found") }
        return account
    }

    /// Throws InfluxDB's 403 for the first statement the principal may not run.
    func authorize(_ statements: [Statement], principal: Principal?, database: String?) throws {
        guard isEnabled else { return }
        if isBootstrapping {
            if case .user(.create(_, _, isAdmin: true)) = statements.first { return }
            throw InfluxErrorResponse(.forbidden, "error authorizing query: create admin user first or disable authentication")
        }
        guard let principal else { return }
        for statement in statements {
            // A token's statement on a database it may not use gets 2.x's answer from the executor instead.
            if access.tokenRefusal(of: statement, by: principal, defaultDatabase: database) != nil { continue }
            if let reason = access.denial(of: statement, by: principal, defaultDatabase: database) {
                throw InfluxErrorResponse(.forbidden, "error authorizing query: \(reason)")
            }
        }
    }

    /// Whether a token may not use a database one of the statements names: the executor answers those (InfluxDB
    /// 2.x's `database not found`), so an answer kept for someone else must not be sent.
    func leavesRefusalToExecutor(_ statements: [Statement], principal: Principal?, database: String?) -> Bool {
        guard isEnabled, let principal else { return false }
        return statements.contains { access.tokenRefusal(of: $0, by: principal, defaultDatabase: database) != nil }
    }

    /// Throws a 403 unless the principal may read `database` (InfluxDB 1.8 checks nothing on a Prometheus remote read).
    func authorizeRead(principal: Principal?, database: String) throws {
        guard isEnabled else { return }
        guard let principal, access.may(principal, .read, on: database) else {
            throw InfluxErrorResponse(
                .forbidden, "\"\(principal?.name ?? "")\" user is not authorized to read from database \"\(database)\"")
        }
    }

    /// Throws InfluxDB's 403 unless the principal may write to `database`.
    func authorizeWrite(principal: Principal?, database: String) throws {
        guard isEnabled else { return }
        guard let principal else { throw InfluxErrorResponse(.forbidden, "user is required to write to database \"\(database)\"") }
        guard access.may(principal, .write, on: database) else {
            // A token is refused as InfluxDB 2.x's 1.x write endpoint refuses it; a user as InfluxDB 1.x does.
            if case .token = principal { throw PlatformError(.forbidden, "insufficient permissions for write") }
            throw InfluxErrorResponse(.forbidden, "\"\(principal.name)\" user is not authorized to write to database \"\(database)\"")
        }
    }
}
