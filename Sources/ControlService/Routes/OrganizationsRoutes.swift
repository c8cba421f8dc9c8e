import Hummingbird

/// `/chronograf/v1/organizations`, as Chronograf serves it with auth off: `default` always there and never
/// deleted; organizations from `.org` files shown but not changed.
struct OrganizationsRoutes {
    let store: ControlStore

    func collection() -> RouteCollection<ControlRequestContext> {
        let routes = RouteCollection(context: ControlRequestContext.self)
        routes.get("/chronograf/v1/organizations") { _, _ in
            try SourceJSON.response([
                "organizations": try store.organizations().map(Self.document), "links": ["self": "/chronograf/v1/organizations"],
            ])
        }
        routes.post("/chronograf/v1/organizations") { request, context in
            let body = try await SourceJSON.body(of: request)
            guard let name = body["name"] as? String, !name.isEmpty else {
                throw ChronografError(.unprocessableContent, "Name required on Chronograf Organization request body")
            }
            let role = try Self.role(body["defaultRole"] as? String ?? "member")
            let created = try store.createOrganization(name: name, defaultRole: role)
            // Its creator becomes its admin, as in Chronograf.
            if var creator = context.user {
                creator.roles.append(.init(name: "admin", organization: created.id))
                try store.save(creator)
            }
            return try SourceJSON.response(Self.document(created), status: .created, location: "/chronograf/v1/organizations/\(created.id)")
        }
        routes.get("/chronograf/v1/organizations/{oid}") { _, context in
            try SourceJSON.response(Self.document(try organization(context)))
        }
        routes.patch("/chronograf/v1/organizations/{oid}") { request, context in
            var organization = try changeable(try organization(context))
            let body = try await SourceJSON.body(of: request)
            if let name = body["name"] as? String, !name.isEmpty { organization.name = name }
            if let role = body["defaultRole"] as? String { organization.defaultRole = try Self.role(role) }
            try store.updateOrganization(organization)
            return try SourceJSON.response(Self.document(organization))
        }
        routes.delete("/chronograf/v1/organizations/{oid}") { _, context in
            let organization = try changeable(try organization(context))
            guard organization.id != "default" else { throw ChronografError(.badRequest, "cannot delete default organization") }
            try store.deleteOrganization(organization.id)
            return Response(status: .noContent)
        }
        return routes
    }

    static func document(_ organization: OrganizationRecord) -> [String: Any] {
        [
            "id": organization.id, "name": organization.name, "defaultRole": organization.defaultRole,
            "links": ["self": "/chronograf/v1/organizations/\(organization.id)"],
        ]
    }

    static func role(_ role: String) throws -> String {
        guard ControlStore.roles.contains(role) else {
            throw ChronografError(.unprocessableContent, "default role must be member, reader, viewer, editor, or admin")
        }
        return role
    }

    private func organization(_ context: ControlRequestContext) throws -> OrganizationRecord {
        let id = context.parameters.get("oid") ?? ""
        guard let organization = try store.organization(id) else { throw ChronografError(.notFound, "organization not found") }
        return organization
    }

    private func changeable(_ organization: OrganizationRecord) throws -> OrganizationRecord {
        if try store.isFileOrganization(organization.id) {
            throw ChronografError(.unprocessableContent, "unable to update organizations on the filesystem")
        }
        return organization
    }
}
