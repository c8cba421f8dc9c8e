import Foundation
import Hummingbird
import StoreAccess
import TimeSeries

/// `/api/v2/setup` (onboarding: the first organization, bucket and operator token) and `/ready`.
struct V2SetupRoutes {
    let gateway: V2Gateway
    let started = Date()

    func collection() -> RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.get("/api/v2/setup") { _, _ in try V2JSON.response(["allowed": gateway.access.isSetupAllowed]) }
        routes.post("/api/v2/setup") { request, _ in try await setup(request) }
        routes.get("/ready") { _, _ in
            let up = Int64(Date().timeIntervalSince(started) * 1e9)
            return try V2JSON.response([
                "status": "ready", "started": V2Gateway.timestamp(started), "up": GoDuration.format(nanoseconds: up),
            ])
        }
        return routes
    }

    private func setup(_ request: Request) async throws -> Response {
        guard gateway.access.isSetupAllowed else { throw PlatformError(.conflict, "onboarding has already been completed") }
        let body = try await V2JSON.body(of: request)
        guard let username = body["username"] as? String, !username.isEmpty else {
            throw PlatformError(.invalid, "username is empty")
        }
        guard let orgName = body["org"] as? String, !orgName.isEmpty else { throw PlatformError(.invalid, "org name is empty") }
        guard let bucketName = body["bucket"] as? String, !bucketName.isEmpty else {
            throw PlatformError(.invalid, "bucket name is empty")
        }
        let retention =
            body["retentionPeriodSeconds"] != nil
            ? try V2JSON.retentionSeconds(body["retentionPeriodSeconds"])
            : try V2JSON.retentionSeconds(body["retentionPeriodHrs"], secondsPerUnit: 3600)
        let onboarding: AccessStore.Onboarding
        do {
            onboarding = try gateway.access.onboard(
                username: username, password: body["password"] as? String, organization: orgName, bucket: bucketName,
                retentionSeconds: retention, token: body["token"] as? String)
        } catch {
            throw PlatformError(error)
        }
        try gateway.provideStorage(for: onboarding.bucket)
        let org = onboarding.organization
        return try V2JSON.response(
            [
                "user": ["id": onboarding.authorization.id, "name": username, "status": "active", "links": ["self": "/api/v2/me"]],
                "org": V2JSON.organization(org),
                "bucket": V2JSON.bucket(onboarding.bucket),
                "auth": V2JSON.authorization(onboarding.authorization, organization: org, secret: onboarding.token),
            ], status: .created)
    }
}
