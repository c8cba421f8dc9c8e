import Foundation
import Hummingbird

/// `/chronograf/v1/dashboards/{id}/templates[/{tid}]`: a dashboard's template variables one by one.
struct DashboardTemplatesRoutes {
    let dashboards: DashboardsRoutes

    func add(to routes: RouteCollection<ControlRequestContext>) {
        routes.get("/chronograf/v1/dashboards/{id}/templates") { request, context in
            let dashboard = DashboardRules.storedDefaults(try dashboards.dashboard(request, context))
            return try DashboardAnswer.response([
                "templates": dashboard.templates.map { DashboardAnswer.Template(dashboard: dashboard.id, template: $0) }
            ])
        }
        routes.post("/chronograf/v1/dashboards/{id}/templates") { request, context in
            var dashboard = try dashboards.changeable(request, context)
            var template = try await DashboardsRoutes.decode(TemplateJSON.self, request)
            try DashboardRules.check(template)
            template.id = UUID().uuidString.lowercased()
            dashboard.templates.append(template)
            try DashboardRules.checkUniqueNames(dashboard.templates)
            try dashboards.store.updateDashboard(dashboard)
            return try DashboardAnswer.response(DashboardAnswer.Template(dashboard: dashboard.id, template: template))
        }
        routes.get("/chronograf/v1/dashboards/{id}/templates/{tid}") { request, context in
            let dashboard = DashboardRules.storedDefaults(try dashboards.dashboard(request, context))
            guard let template = dashboard.templates.first(where: { $0.id == context.pathValue("tid") }) else {
                throw ChronografError(.notFound, "ID \(dashboard.id) not found")
            }
            return try DashboardAnswer.response(DashboardAnswer.Template(dashboard: dashboard.id, template: template))
        }
        routes.put("/chronograf/v1/dashboards/{id}/templates/{tid}") { request, context in
            var dashboard = try dashboards.changeable(request, context)
            let id = context.pathValue("tid")
            guard let index = dashboard.templates.firstIndex(where: { $0.id == id }) else {
                throw ChronografError(.notFound, "ID \(dashboard.id) not found")
            }
            var template = try await DashboardsRoutes.decode(TemplateJSON.self, request)
            try DashboardRules.check(template)
            template.id = id
            dashboard.templates[index] = template
            try DashboardRules.checkUniqueNames(dashboard.templates)
            try dashboards.store.updateDashboard(dashboard)
            return try DashboardAnswer.response(DashboardAnswer.Template(dashboard: dashboard.id, template: template))
        }
        routes.delete("/chronograf/v1/dashboards/{id}/templates/{tid}") { request, context in
            var dashboard = try dashboards.changeable(request, context)
            guard let index = dashboard.templates.firstIndex(where: { $0.id == context.pathValue("tid") }) else {
                throw ChronografError(.notFound, "ID \(dashboard.id) not found")
            }
            dashboard.templates.remove(at: index)
            try dashboards.store.updateDashboard(dashboard)
            return Response(status: .noContent)
        }
    }
}
