import Foundation
import Hummingbird
import StoreAccess

/// `/api/v2/dbrps`: the DBRP mapping API, physical mappings stored and virtual ones derived from bucket names.
struct V2DBRPRoutes {
    let gateway: V2Gateway
    var access: AccessStore { gateway.access }

    func collection() -> RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.get("/api/v2/dbrps") { request, _ in try list(request) }
        routes.post("/api/v2/dbrps") { request, _ in try await create(request) }
        routes.get("/api/v2/dbrps/{id}") { request, context in
            let org = try organization(request)
            guard let mapping = access.mapping(id: context.parameters.get("id") ?? "", orgID: org.id) else {
                throw PlatformError(.notFound, "unable to find DBRP")
            }
            return try V2JSON.response(["content": V2JSON.mapping(mapping)])
        }
        routes.patch("/api/v2/dbrps/{id}") { request, context in try await update(request, id: context.parameters.get("id") ?? "") }
        routes.delete("/api/v2/dbrps/{id}") { request, context in
            let principal = try gateway.principal(request)
            try gateway.requireOperator(principal)
            let org = try organization(request, principal: principal)
            do {
                try access.deleteMapping(id: context.parameters.get("id") ?? "", orgID: org.id)
            } catch {
                throw PlatformError(error)
            }
            return Response(status: .noContent)
        }
        return routes
    }

    /// The organization of `org`/`orgID`, with the DBRP API's own message when both are missing.
    private func organization(_ request: Request, principal: Principal?? = nil) throws -> Organization {
        // Who asks comes first: an anonymous caller learns nothing about organizations.
        let caller = try principal ?? gateway.principal(request)
        let parameters = request.uri.queryParameters
        guard parameters["org"] != nil || parameters["orgID"] != nil else {
            throw PlatformError(.invalid, "either 'org' or 'orgID' must be provided")
        }
        if parameters["orgID"] == nil, let name = parameters["org"].map(String.init), access.organization(name) == nil {
            throw PlatformError(.notFound, "invalid org \"\(name)\"")
        }
        return try gateway.organization(request, principal: caller)
    }

    private func list(_ request: Request) throws -> Response {
        let org = try organization(request)
        let parameters = request.uri.queryParameters
        var mappings = access.mappings(orgID: org.id)
        let filters: [(String, (DBRPMapping) -> String)] = [
            ("id", \.id), ("bucketID", \.bucketID), ("db", \.database), ("rp", \.retentionPolicy),
        ]
        for (name, value) in filters {
            if let wanted = parameters[Substring(name)].map(String.init) { mappings = mappings.filter { value($0) == wanted } }
        }
        if let wanted = parameters["default"].map(String.init) { mappings = mappings.filter { String($0.isDefault) == wanted } }
        return try V2JSON.response(["content": mappings.map(V2JSON.mapping)])
    }

    private func create(_ request: Request) async throws -> Response {
        let principal = try gateway.principal(request)
        try gateway.requireOperator(principal)
        let body = try await V2JSON.body(of: request)
        let orgID: String
        if let id = body["orgID"] as? String {
            orgID = id
        } else if let name = body["org"] as? String, let org = access.organization(name) {
            orgID = org.id
        } else {
            throw PlatformError(.invalid, "either 'org' or 'orgID' must be provided")
        }
        do {
            let mapping = try access.createMapping(
                database: body["database"] as? String ?? "", retentionPolicy: body["retention_policy"] as? String ?? "",
                isDefault: body["default"] as? Bool, orgID: orgID, bucketID: body["bucketID"] as? String ?? "")
            return try V2JSON.response(V2JSON.mapping(mapping), status: .created)
        } catch {
            throw PlatformError(error)
        }
    }

    private func update(_ request: Request, id: String) async throws -> Response {
        let principal = try gateway.principal(request)
        try gateway.requireOperator(principal)
        let org = try organization(request, principal: principal)
        let body = try await V2JSON.body(of: request)
        do {
            let mapping = try access.updateMapping(
                id: id, orgID: org.id, isDefault: body["default"] as? Bool, retentionPolicy: body["retention_policy"] as? String)
            return try V2JSON.response(["content": V2JSON.mapping(mapping)])
        } catch {
            throw PlatformError(error)
        }
    }
}
