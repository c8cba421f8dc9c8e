import Foundation
import Hummingbird
import InfluxQL
import Storage
import StoreAccess

/// `/api/v2/orgs`, `/api/v2/buckets` and `/api/v2/authorizations`: the parts of InfluxDB 2.x's management API that
/// 1.x-compatible clients and Kapacitor need.
struct V2ManagementRoutes {
    let gateway: V2Gateway
    var access: AccessStore { gateway.access }

    func collection() -> RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.get("/api/v2/orgs") { request, _ in try listOrganizations(request) }
        routes.get("/api/v2/buckets") { request, _ in try listBuckets(request) }
        routes.post("/api/v2/buckets") { request, _ in try await createBucket(request) }
        routes.delete("/api/v2/buckets/{id}") { request, context in try deleteBucket(request, id: context.parameters.get("id") ?? "") }
        routes.get("/api/v2/authorizations") { request, _ in try listAuthorizations(request) }
        routes.post("/api/v2/authorizations") { request, _ in try await createAuthorization(request) }
        routes.delete("/api/v2/authorizations/{id}") { request, context in
            try gateway.requireOperator(try gateway.principal(request))
            do {
                try access.deleteToken(id: context.parameters.get("id") ?? "")
            } catch {
                throw PlatformError(error)
            }
            return Response(status: .noContent)
        }
        return routes
    }

    private func listOrganizations(_ request: Request) throws -> Response {
        let principal = try gateway.principal(request)
        let parameters = request.uri.queryParameters
        var orgs = access.organizations
        if case .token(let token) = principal { orgs = orgs.filter { $0.id == token.orgID } }
        // A 1.x user who is not an admin sees the organizations of buckets they may read.
        if case .user(let account) = principal, !account.isAdmin {
            let readable = Set(access.buckets(orgID: nil).filter { access.may(.user(account), .read, on: $0.database) }.map(\.orgID))
            orgs = orgs.filter { readable.contains($0.id) }
        }
        if let name = parameters["org"].map(String.init) { orgs = orgs.filter { $0.name == name } }
        if let id = parameters["orgID"].map(String.init) { orgs = orgs.filter { $0.id == id } }
        return try V2JSON.response(["links": ["self": "/api/v2/orgs"], "orgs": orgs.map(V2JSON.organization)])
    }

    private func listBuckets(_ request: Request) throws -> Response {
        let principal = try gateway.principal(request)
        let parameters = request.uri.queryParameters
        var orgID: String?
        if parameters["org"] != nil || parameters["orgID"] != nil { orgID = try gateway.organization(request, principal: principal).id }
        if case .token(let token) = principal { orgID = token.orgID }
        var buckets = access.buckets(orgID: orgID)
        // A 1.x user who is not an admin sees the buckets of databases they may read.
        if case .user(let account) = principal, !account.isAdmin {
            buckets = buckets.filter { access.may(.user(account), .read, on: $0.database) }
        }
        if let name = parameters["name"].map(String.init) { buckets = buckets.filter { $0.name == name } }
        if let id = parameters["id"].map(String.init) { buckets = buckets.filter { $0.id == id } }
        let offset = parameters["offset"].flatMap { Int(String($0)) } ?? 0
        let limit = parameters["limit"].flatMap { Int(String($0)) } ?? 20
        let page = Array(buckets.dropFirst(max(offset, 0)).prefix(max(limit, 0)))
        return try V2JSON.response(["links": ["self": "/api/v2/buckets"], "buckets": page.map(V2JSON.bucket)])
    }

    private func createBucket(_ request: Request) async throws -> Response {
        let principal = try gateway.principal(request)
        try gateway.requireOperator(principal)
        let body = try await V2JSON.body(of: request)
        guard let orgID = body["orgID"] as? String, access.organization(id: orgID) != nil else {
            throw PlatformError(.invalid, "invalid orgID: organization not found")
        }
        guard let name = body["name"] as? String else { throw PlatformError(.invalid, "bucket name is empty") }
        let rules = body["retentionRules"] as? [[String: Any]] ?? []
        let retention = try V2JSON.retentionSeconds(rules.first?["everySeconds"])
        let bucket: Bucket
        do {
            bucket = try access.createBucket(
                name, orgID: orgID, retentionSeconds: retention, description: body["description"] as? String ?? "")
        } catch {
            throw PlatformError(error)
        }
        try gateway.provideStorage(for: bucket)
        return try V2JSON.response(V2JSON.bucket(bucket), status: .created)
    }

    /// Deletes the bucket, its DBRP mappings and its data (the retention policy it stores in).
    private func deleteBucket(_ request: Request, id: String) throws -> Response {
        try gateway.requireOperator(try gateway.principal(request))
        let bucket: Bucket
        do {
            bucket = try access.deleteBucket(id: id)
        } catch {
            throw PlatformError(error)
        }
        try? gateway.engine.dropRetentionPolicy(bucket.retentionPolicy, database: bucket.database)
        return Response(status: .noContent)
    }

    private func listAuthorizations(_ request: Request) throws -> Response {
        let principal = try gateway.principal(request)
        let parameters = request.uri.queryParameters
        var tokens = access.tokens()
        // A token sees itself; a 1.x user who is not an admin owns no token and sees none.
        switch principal {
        case .token(let token) where !token.isOperator: tokens = tokens.filter { $0.id == token.id }
        case .user(let account) where !account.isAdmin: tokens = []
        default: break
        }
        if let orgID = parameters["orgID"].map(String.init) { tokens = tokens.filter { $0.orgID == orgID } }
        let documents = tokens.map { V2JSON.authorization($0, organization: access.organization(id: $0.orgID)) }
        return try V2JSON.response(["links": ["self": "/api/v2/authorizations"], "authorizations": documents])
    }

    private func createAuthorization(_ request: Request) async throws -> Response {
        try gateway.requireOperator(try gateway.principal(request))
        let body = try await V2JSON.body(of: request)
        guard let orgID = body["orgID"] as? String, let org = access.organization(id: orgID) else {
            throw PlatformError(.invalid, "invalid orgID: organization not found")
        }
        var permissions: [APIToken.Permission] = []
        for entry in body["permissions"] as? [[String: Any]] ?? [] {
            guard let action = (entry["action"] as? String).flatMap(APIToken.Permission.Action.init(rawValue:)),
                let resource = entry["resource"] as? [String: Any], resource["type"] as? String == "buckets"
            else { throw PlatformError(.invalid, "permissions must be read or write on buckets") }
            permissions.append(APIToken.Permission(action: action, bucketID: resource["id"] as? String))
        }
        guard !permissions.isEmpty else { throw PlatformError(.invalid, "authorization must have at least one permission") }
        do {
            let (token, secret) = try access.createToken(
                description: body["description"] as? String ?? "", orgID: orgID, permissions: permissions, isOperator: false)
            return try V2JSON.response(V2JSON.authorization(token, organization: org, secret: secret), status: .created)
        } catch {
            throw PlatformError(error)
        }
    }
}
