import Hummingbird

/// `GET|HEAD /ping`: InfluxDB's liveness check, 204 with no body and no authentication.
enum PingRoutes {
    static func collection() -> RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.get("/ping") { _, _ in Response(status: .noContent) }
        routes.head("/ping") { _, _ in Response(status: .noContent) }
        return routes
    }
}
