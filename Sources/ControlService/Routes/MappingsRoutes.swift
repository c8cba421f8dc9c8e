import Foundation
import HTTPTypes
import Hummingbird

/// `/chronograf/v1/mappings` (super admins only): which provider organizations get a role in which organization at
/// their first sign-in, with Chronograf's JSON and texts.
struct MappingsRoutes {
    let store: ControlStore

    func collection() -> RouteCollection<ControlRequestContext> {
        let routes = RouteCollection(context: ControlRequestContext.self)
        routes.get("/chronograf/v1/mappings") { _, _ in
            try SourceJSON.response(["links": ["self": "/chronograf/v1/mappings"], "mappings": try store.mappings().map(Self.document)])
        }
        routes.post("/chronograf/v1/mappings") { request, _ in
            let mapping = try checked(try await SourceJSON.body(of: request), id: try store.nextMappingID())
            try store.save(mapping)
            return try SourceJSON.response(Self.document(mapping), status: .created, location: "/chronograf/v1/mappings/\(mapping.id)")
        }
        routes.put("/chronograf/v1/mappings/{id}") { request, context in
            let id = try context.parameters.require("id")
            guard try store.mapping(id) != nil else { throw ChronografError(.notFound, "mapping not found") }
            let mapping = try checked(try await SourceJSON.body(of: request), id: id)
            try store.save(mapping)
            return try SourceJSON.response(Self.document(mapping))
        }
        routes.delete("/chronograf/v1/mappings/{id}") { _, context in
            guard try store.deleteMapping(try context.parameters.require("id")) else {
                throw ChronografError(.notFound, "mapping not found")
            }
            return Response(status: .noContent)
        }
        return routes
    }

    private func checked(_ body: [String: Any], id: String) throws -> ControlStore.Mapping {
        func field(_ key: String) -> String { body[key] as? String ?? "" }
        guard !field("provider").isEmpty else { throw ChronografError(.unprocessableContent, "mapping must specify provider") }
        guard !field("scheme").isEmpty else { throw ChronografError(.unprocessableContent, "mapping must specify scheme") }
        guard !field("providerOrganization").isEmpty else { throw ChronografError(.unprocessableContent, "mapping must specify group") }
        guard try store.organization(field("organizationId")) != nil else {
            throw ChronografError(.unprocessableContent, "organization does not exist")
        }
        return ControlStore.Mapping(
            id: id, organizationId: field("organizationId"), provider: field("provider"), scheme: field("scheme"),
            providerOrganization: field("providerOrganization"))
    }

    static func document(_ mapping: ControlStore.Mapping) -> [String: Any] {
        [
            "links": ["self": "/chronograf/v1/mappings/\(mapping.id)"], "id": mapping.id, "organizationId": mapping.organizationId,
            "provider": mapping.provider, "scheme": mapping.scheme, "providerOrganization": mapping.providerOrganization,
        ]
    }
}
