import Hummingbird

/// `GET /chronograf/v1/` (and without the slash, as the UI fetches it): the links to every API resource.
/// `GET /ping`: liveness, 200 as Chronograf answers it.
enum DiscoveryRoutes {
    static func collection() -> RouteCollection<ControlRequestContext> {
        let routes = RouteCollection(context: ControlRequestContext.self)
        // The router ignores a trailing slash, so this one route answers both spellings.
        routes.get("/chronograf/v1") { _, _ in DiscoveryDocument.standard() }
        routes.get("/ping") { _, _ in Response(status: .ok) }
        return routes
    }
}
