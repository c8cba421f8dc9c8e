import Foundation
import Hummingbird

/// `/chronograf/v1/dashboards/{id}/cells[/{cid}]`: a dashboard's cells one by one. The list is a bare JSON array,
/// as Chronograf answers it.
struct DashboardCellsRoutes {
    let dashboards: DashboardsRoutes

    func add(to routes: RouteCollection<ControlRequestContext>) {
        routes.get("/chronograf/v1/dashboards/{id}/cells") { request, context in
            let dashboard = DashboardRules.storedDefaults(try dashboards.dashboard(request, context))
            return try DashboardAnswer.response(dashboard.cells.map { DashboardAnswer.Cell(dashboard: dashboard.id, cell: $0) })
        }
        routes.post("/chronograf/v1/dashboards/{id}/cells") { request, context in
            var dashboard = try dashboards.changeable(request, context)
            var cell = try await DashboardsRoutes.decode(DashboardCellJSON.self, request)
            try DashboardRules.check(&cell)
            cell.i = UUID().uuidString.lowercased()
            dashboard.cells.append(cell)
            try dashboards.store.updateDashboard(dashboard)
            return try DashboardAnswer.response(DashboardAnswer.Cell(dashboard: dashboard.id, cell: cell))
        }
        routes.get("/chronograf/v1/dashboards/{id}/cells/{cid}") { request, context in
            let dashboard = DashboardRules.storedDefaults(try dashboards.dashboard(request, context))
            guard let cell = dashboard.cells.first(where: { $0.i == context.pathValue("cid") }) else {
                throw ChronografError(.notFound, "ID \(dashboard.id) not found")
            }
            return try DashboardAnswer.response(DashboardAnswer.Cell(dashboard: dashboard.id, cell: cell))
        }
        routes.put("/chronograf/v1/dashboards/{id}/cells/{cid}") { request, context in
            var dashboard = try dashboards.changeable(request, context)
            let id = context.pathValue("cid")
            guard let index = dashboard.cells.firstIndex(where: { $0.i == id }) else {
                throw ChronografError(.notFound, "ID \(id) not found")
            }
            var cell = try await DashboardsRoutes.decode(DashboardCellJSON.self, request)
            try DashboardRules.check(&cell)
            cell.i = id
            dashboard.cells[index] = cell
            try dashboards.store.updateDashboard(dashboard)
            return try DashboardAnswer.response(DashboardAnswer.Cell(dashboard: dashboard.id, cell: cell, echoesQueryConfig: true))
        }
        routes.delete("/chronograf/v1/dashboards/{id}/cells/{cid}") { request, context in
            var dashboard = try dashboards.changeable(request, context)
            guard let index = dashboard.cells.firstIndex(where: { $0.i == context.pathValue("cid") }) else {
                throw ChronografError(.notFound, "ID \(dashboard.id) not found")
            }
            dashboard.cells.remove(at: index)
            try dashboards.store.updateDashboard(dashboard)
            return Response(status: .noContent)
        }
    }
}
