import Hummingbird

/// What a source's document links to and an InfluxDB 1.x source answers as Chronograf answers it: its permissions
/// (InfluxDB OSS's fixed list), its services (none: Sundial keeps no Flux services), and roles, which only InfluxDB
/// Enterprise has; and Chronograf's Flux catalogue, empty (Sundial has no Flux engine).
struct SourceCapabilitiesRoutes {
    let store: ControlStore

    func collection() -> RouteCollection<ControlRequestContext> {
        let routes = RouteCollection(context: ControlRequestContext.self)
        routes.get("/chronograf/v1/sources/{id}/permissions") { _, context in
            let id = try source(context)
            return try SourceJSON.response([
                "permissions": [["scope": "all", "allowed": ["ALL"]], ["scope": "database", "allowed": ["WRITE", "READ"]]],
                "links": ["self": "/chronograf/v1/sources/\(id)/permissions", "source": "/chronograf/v1/sources/\(id)"],
            ])
        }
        routes.get("/chronograf/v1/sources/{id}/services") { _, context in
            _ = try source(context)
            return try SourceJSON.response(["services": [Any]()])
        }
        routes.get("/chronograf/v1/sources/{id}/roles") { _, context -> Response in
            throw ChronografError(.notFound, "Source \(try source(context)) does not have role capability")
        }
        routes.get("/chronograf/v1/flux") { _, _ in
            try SourceJSON.response(["links": ["self": "/chronograf/v1/flux", "suggestions": "/chronograf/v1/flux/suggestions"]])
        }
        routes.get("/chronograf/v1/flux/suggestions") { _, _ in try SourceJSON.response(["funcs": [Any]()]) }
        return routes
    }

    /// The source's id: 422 when it is not a number, 404 when there is none.
    private func source(_ context: ControlRequestContext) throws -> Int64 {
        let text = context.parameters.get("id") ?? ""
        guard let id = Int64(text) else { throw ChronografError(.unprocessableContent, "Error converting ID \(text)") }
        guard try store.source(id) != nil else { throw ChronografError.notFound(id) }
        return id
    }
}
