import Hummingbird

/// `/kapacitor/v1/templates`: template definitions; a PATCH rebuilds the tasks made from the template.
struct TemplateRoutes {
    let store: TaskStore
    let runner: TaskRunner
    var definitions: TemplateDefinitions { TemplateDefinitions(store: store) }

    func collection() -> RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.get("templates") { request, _ in
            let query = request.uri.queryParameters
            let fields = query.getAll("fields").map { String($0) }
            var documents: [[String: Any]] = []
            for template in try ListPage(query).select(try store.templates(), id: \.id) {
                let document = try TaskJSON.template(template, formatted: TaskRoutes.formatted(request))
                documents.append(
                    fields.isEmpty ? document : document.filter { ["id", "link"].contains($0.key) || fields.contains($0.key) })
            }
            return try TaskRoutes.json(["templates": documents])
        }
        routes.post("templates") { request, context in
            let template = try definitions.create(try await TaskRoutes.decode(TemplateOptions.self, request, context))
            return try TaskRoutes.json(try TaskJSON.template(template, formatted: TaskRoutes.formatted(request)))
        }
        routes.get("templates/{id}") { request, context in
            guard let template = try store.template(try context.parameters.require("id")) else {
                throw KapacitorError(.notFound, "no template exists")
            }
            return try TaskRoutes.json(try TaskJSON.template(template, formatted: TaskRoutes.formatted(request)))
        }
        routes.patch("templates/{id}") { request, context in
            let options = try await TaskRoutes.decode(TemplateOptions.self, request, context)
            let template = try definitions.patch(try context.parameters.require("id"), with: options)
            // Running tasks made from the template now run its new script.
            let tasks = TaskRoutes(store: store, runner: runner)
            for task in try store.tasks(ofTemplate: template.id) where task.status == "enabled" {
                _ = try? await tasks.execute(task, restart: true)
            }
            return try TaskRoutes.json(try TaskJSON.template(template, formatted: TaskRoutes.formatted(request)))
        }
        routes.delete("templates/{id}") { _, context in
            try store.deleteTemplate(try context.parameters.require("id"))
            return Response(status: .noContent)
        }
        return routes
    }
}
