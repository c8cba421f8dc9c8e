import Foundation
import Hummingbird
import Storage
import StoreAccess
import TimeSeries

/// What every `/api/v2` route needs: who is asking, which organization they mean, and where a bucket's data lives.
///
/// With `[store] auth-enabled = false` every request may do everything, as InfluxDB 1.8 serves its 2.x routes
/// without auth; with auth on, a token (`Authorization: Token …` or `Bearer …`) or 1.x credentials are required.
struct V2Gateway: Sendable {
    let engine: StorageEngine
    let access: AccessStore
    let authEnabled: Bool

    /// nil when auth is off; 401 `unauthorized access` when credentials are missing or wrong.
    func principal(_ request: Request) throws -> Principal? {
        guard authEnabled else { return nil }
        switch PresentedCredentials(request: request, parameters: [:]) {
        case .token(let secret):
            guard let token = access.token(matching: secret) else { throw PlatformError.unauthorizedAccess }
            return .token(token)
        case .password(let user, let password):
            guard let principal = access.principal(user: user, password: password) else { throw PlatformError.unauthorizedAccess }
            return principal
        case nil: throw PlatformError.unauthorizedAccess
        }
    }

    /// Creating and deleting buckets, tokens and mappings needs an operator token or a 1.x admin.
    func requireOperator(_ principal: Principal?) throws {
        if let principal, !principal.isAdmin { throw PlatformError(.forbidden, "insufficient permissions") }
    }

    /// `org` (name or id) or `orgID` from the query string; 400 when both are missing, 404 when unknown.
    func organization(_ request: Request, principal: Principal?) throws -> Organization {
        let parameters = request.uri.queryParameters
        if let id = parameters["orgID"].map(String.init), !id.isEmpty {
            guard let org = access.organization(id: id) else { throw PlatformError(.notFound, "organization not found") }
            return try visible(org, to: principal)
        }
        guard let name = parameters["org"].map(String.init), !name.isEmpty else {
            throw PlatformError(.invalid, "Please provide either orgID or org")
        }
        guard let org = access.organization(name) else { throw PlatformError(.notFound, "organization name \"\(name)\" not found") }
        return try visible(org, to: principal)
    }

    /// A token sees only its own organization.
    private func visible(_ org: Organization, to principal: Principal?) throws -> Organization {
        if case .token(let token) = principal, token.orgID != org.id { throw PlatformError.unauthorizedAccess }
        return org
    }

    /// Makes the database and retention policy a bucket stores in, unless they exist.
    func provideStorage(for bucket: Bucket) throws {
        // Retention was checked against `V2JSON.maximumRetentionSeconds` when the bucket was made; saturate anyway.
        let duration = bucket.retentionSeconds.multipliedSaturated(by: 1_000_000_000)
        let policy = RetentionPolicyInfo(name: bucket.retentionPolicy, duration: duration)
        do {
            guard let database = engine.databaseInfo(bucket.database) else {
                return try engine.createDatabase(bucket.database, defaultPolicy: policy)
            }
            if database.retentionPolicy(bucket.retentionPolicy) == nil {
                try engine.createRetentionPolicy(policy, database: bucket.database, makeDefault: false)
            }
        } catch let error as StorageError {
            throw PlatformError(.invalid, error.message)
        }
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
