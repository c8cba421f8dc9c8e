import Hummingbird
import PipelineRuntime

/// `POST /kapacitor/v1/sideload/reload`: every sideload directory read again (Kapacitor's sideload service); 204, or
/// 500 with the first file that did not read.
struct SideloadRoutes {
    let runner: TaskRunner

    func collection() -> RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.post("sideload/reload") { _, _ in
            do {
                try runner.sideloads.reloadAll()
            } catch {
                throw KapacitorError(.internalServerError, "\(error)")
            }
            return Response(status: .noContent)
        }
        return routes
    }
}
