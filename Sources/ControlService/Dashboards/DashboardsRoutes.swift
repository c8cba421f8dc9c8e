import Foundation
import Hummingbird

/// `/chronograf/v1/dashboards`: dashboards of the current organization, their cells and template variables, with
/// Chronograf 1.10's JSON, checks, status codes and error texts (`DashboardRules`, `DashboardAnswer`); a query's
/// `queryConfig` is made again from its text in every answer but a replaced cell's, as Chronograf does.
struct DashboardsRoutes {
    let store: ControlStore
    /// With sign-in on, lists show the current organization's dashboards only (`default` until one is chosen).
    var isScoped = false

    func collection() -> RouteCollection<ControlRequestContext> {
        let routes = RouteCollection(context: ControlRequestContext.self)
        routes.get("/chronograf/v1/dashboards") { request, _ in
            let current = currentOrganization(request)
            let dashboards = try store.dashboards().filter { current == nil || $0.organization == current }
            return try DashboardAnswer.response([
                "dashboards": dashboards.map { DashboardAnswer.Dashboard(dashboard: DashboardRules.storedDefaults($0)) }
            ])
        }
        routes.post("/chronograf/v1/dashboards") { request, _ in
            var dashboard = try await Self.decode(DashboardJSON.self, request)
            if dashboard.organization.isEmpty { dashboard.organization = MeRoutes.currentOrganization(request) ?? "default" }
            try DashboardRules.check(&dashboard)
            for index in dashboard.cells.indices { dashboard.cells[index].i = UUID().uuidString.lowercased() }
            let created = try store.createDashboard(dashboard)
            return try DashboardAnswer.response(
                DashboardAnswer.Dashboard(dashboard: created), status: .created, location: DashboardAnswer.path(created.id))
        }
        routes.get("/chronograf/v1/dashboards/{id}") { request, context in
            try DashboardAnswer.response(
                DashboardAnswer.Dashboard(dashboard: DashboardRules.storedDefaults(try dashboard(request, context))))
        }
        routes.put("/chronograf/v1/dashboards/{id}") { request, context in try await replace(request, context) }
        routes.patch("/chronograf/v1/dashboards/{id}") { request, context in try await patch(request, context) }
        routes.delete("/chronograf/v1/dashboards/{id}") { request, context in
            try store.deleteDashboard(try changeable(request, context).id)
            return Response(status: .noContent)
        }
        DashboardCellsRoutes(dashboards: self).add(to: routes)
        DashboardTemplatesRoutes(dashboards: self).add(to: routes)
        return routes
    }

    /// The dashboard the path names, to be changed: one from a `.dashboard` file is read-only (Chronograf would
    /// rewrite the file).
    func changeable(_ request: Request, _ context: ControlRequestContext) throws -> DashboardJSON {
        let dashboard = try dashboard(request, context)
        if let file = store.file(ofDashboard: dashboard.id) {
            throw ChronografError(.unprocessableContent, "dashboard \(dashboard.id) comes from \(file): change it there")
        }
        return dashboard
    }

    /// The dashboard the path names, in the caller's organization: 422 for an id that is not a number, 404 otherwise.
    func dashboard(_ request: Request, _ context: ControlRequestContext) throws -> DashboardJSON {
        let text = context.parameters.get("id") ?? ""
        guard let id = Int64(text) else { throw ChronografError(.unprocessableContent, "Error converting ID \(text)") }
        guard let dashboard = try store.dashboard(id), visible(dashboard, to: request) else {
            throw ChronografError(.notFound, "ID \(id) not found")
        }
        return dashboard
    }

    /// PUT: name, cells, templates and organization replaced whole (Chronograf answers a bad id with a 500).
    private func replace(_ request: Request, _ context: ControlRequestContext) async throws -> Response {
        let text = context.parameters.get("id") ?? ""
        guard Int64(text) != nil else {
            throw ChronografError(.internalServerError, "Could not parse dashboard ID: Error converting ID \(text)")
        }
        let existing = try changeable(request, context)
        var dashboard = try await Self.decode(DashboardJSON.self, request)
        dashboard.id = existing.id
        try DashboardRules.check(&dashboard)
        for index in dashboard.cells.indices where dashboard.cells[index].i.isEmpty {
            dashboard.cells[index].i = UUID().uuidString.lowercased()
        }
        try store.updateDashboard(dashboard)
        return try DashboardAnswer.response(DashboardAnswer.Dashboard(dashboard: dashboard))
    }

    /// PATCH: a name changes the name only; otherwise cells replace the cells (the whole body checked).
    private func patch(_ request: Request, _ context: ControlRequestContext) async throws -> Response {
        let text = context.parameters.get("id") ?? ""
        guard Int64(text) != nil else {
            throw ChronografError(.internalServerError, "Could not parse dashboard ID: Error converting ID \(text)")
        }
        var dashboard = try changeable(request, context)
        var sent = try await Self.decode(DashboardJSON.self, request)
        if !sent.name.isEmpty {
            dashboard.name = sent.name
        } else if !sent.cells.isEmpty {
            try DashboardRules.check(&sent)
            dashboard.cells = sent.cells
            for index in dashboard.cells.indices where dashboard.cells[index].i.isEmpty {
                dashboard.cells[index].i = UUID().uuidString.lowercased()
            }
        } else {
            throw ChronografError(.unprocessableContent, "update must include either name or cells")
        }
        try store.updateDashboard(dashboard)
        return try DashboardAnswer.response(DashboardAnswer.Dashboard(dashboard: dashboard))
    }

    private func currentOrganization(_ request: Request) -> String? {
        MeRoutes.currentOrganization(request) ?? (isScoped ? "default" : nil)
    }

    private func visible(_ dashboard: DashboardJSON, to request: Request) -> Bool {
        currentOrganization(request).map { $0 == dashboard.organization } ?? true
    }

    /// A JSON body, or Chronograf's 400 `Unparsable JSON`.
    static func decode<Value: Decodable>(_ type: Value.Type, _ request: Request) async throws -> Value {
        let buffer = try await request.body.collect(upTo: 10 << 20)
        guard let value = try? JSONDecoder().decode(type, from: Data(buffer.readableBytesView)) else {
            throw ChronografError(.badRequest, "Unparsable JSON")
        }
        return value
    }
}
