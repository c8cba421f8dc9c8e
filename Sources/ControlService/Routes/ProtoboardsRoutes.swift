import Hummingbird

/// `/chronograf/v1/protoboards[/{id}]`: the protoboards (dashboard templates for Telegraf inputs) of the directory
/// `[control] protoboards-path` names, read at start-up as Chronograf reads its `--protoboards-path` (`.json` files,
/// unreadable ones skipped, the first of one id kept), each answered as its file holds it with its `self` link.
/// Without the setting, none: Sundial does not embed Chronograf's.
struct ProtoboardsRoutes {
    let protoboards: [[String: JSONValue]]

    init(directory: String?) {
        protoboards = LayoutsRoutes.read(directory)
    }

    func collection() -> RouteCollection<ControlRequestContext> {
        let protoboards = protoboards.map(Self.answer)
        let routes = RouteCollection(context: ControlRequestContext.self)
        routes.get("/chronograf/v1/protoboards") { _, _ in try DashboardAnswer.response(["protoboards": protoboards]) }
        routes.get("/chronograf/v1/protoboards/{id}") { _, context in
            let id = context.pathValue("id")
            guard let protoboard = protoboards.first(where: { LayoutsRoutes.text($0["id"]) == id }) else {
                throw ChronografError(.notFound, "ID \(id) not found")
            }
            return try DashboardAnswer.response(protoboard)
        }
        return routes
    }

    private static func answer(_ protoboard: [String: JSONValue]) -> [String: JSONValue] {
        var protoboard = protoboard
        protoboard["links"] = .object(["self": .string("/chronograf/v1/protoboards/\(LayoutsRoutes.text(protoboard["id"]))")])
        return protoboard
    }
}
