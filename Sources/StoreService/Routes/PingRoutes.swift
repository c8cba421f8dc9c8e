import Hummingbird

/// `GET|HEAD /ping`: InfluxDB's liveness check, 204 with no body and no authentication; with `verbose` (anything
/// but "", "0", "false") 200 and the version, as InfluxDB 1.8 answers. `GET /health`: 1.8's health document.
/// `OPTIONS` on any of the API's paths: 200 with no body, for browsers' CORS preflight.
enum PingRoutes {
    static func collection() -> RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.get("/ping") { request, _ in ping(request) }
        routes.head("/ping") { request, _ in ping(request) }
        routes.get("/health") { _, _ in
            json(
                #"{"checks":[],"message":"ready for queries and writes","name":"influxdb","status":"pass","version":"\#(StoreService.influxDBVersion)"}"#
            )
        }
        for path in ["/ping", "/write", "/query", "/health"] {
            routes.on(RouterPath(path), method: .options) { _, _ in Response(status: .ok) }
        }
        return routes
    }

    private static func ping(_ request: Request) -> Response {
        let verbose = request.uri.queryParameters["verbose"].map(String.init) ?? ""
        guard !["", "0", "false"].contains(verbose) else { return Response(status: .noContent) }
        return json(#"{"version":"\#(StoreService.influxDBVersion)"}"#)
    }

    private static func json(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }
}
