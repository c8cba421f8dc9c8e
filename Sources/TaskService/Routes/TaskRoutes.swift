import Foundation
import Hummingbird
import PipelineRuntime
import PipelineSpec

/// `/kapacitor/v1/tasks`: task definitions (Kapacitor's JSON, paging with `offset`/`limit`, `pattern`, `fields`).
struct TaskRoutes {
    let store: TaskStore
    let runner: TaskRunner
    var definitions: TaskDefinitions { TaskDefinitions(store: store) }

    func collection() -> RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.get("tasks") { request, _ in try list(request) }
        routes.post("tasks") { request, context in
            let task = try await execute(try definitions.create(try await Self.decode(TaskOptions.self, request, context)), restart: false)
            return try Self.json(try TaskJSON.task(task, formatted: Self.formatted(request), executing: runner.executing(task.id)))
        }
        routes.get("tasks/{id}") { request, context in
            guard let task = try store.task(try context.parameters.require("id")) else { throw KapacitorError(.notFound, "no task exists") }
            return try Self.json(try TaskJSON.task(task, formatted: Self.formatted(request), executing: runner.executing(task.id)))
        }
        routes.patch("tasks/{id}") { request, context in
            let id = try context.parameters.require("id")
            let options = try await Self.decode(TaskOptions.self, request, context)
            let before = try store.task(id)
            let patched = try definitions.patch(id, with: options)
            let changed = before.map { $0.script != patched.script || $0.vars != patched.vars || $0.dbrps != patched.dbrps } ?? false
            let task = try await execute(patched, restart: changed)
            return try Self.json(try TaskJSON.task(task, formatted: Self.formatted(request), executing: runner.executing(task.id)))
        }
        routes.delete("tasks/{id}") { _, context in
            let id = try context.parameters.require("id")
            await runner.stop(id)
            try store.deleteTask(id)
            return Response(status: .noContent)
        }
        routes.get("tasks/{id}/{endpoint}") { _, context in
            let id = try context.parameters.require("id")
            let endpoint = try context.parameters.require("endpoint")
            guard let series = runner.executing(id)?.output(endpoint) else {
                throw KapacitorError(.notFound, "no task \(id) with an httpOut endpoint \(endpoint) is executing")
            }
            if let unsupported = ResultSeriesJSON.firstNonFiniteNumber(in: series) {
                // Go's encoder refuses these and Kapacitor answers its error: JSON has no infinities or NaN.
                throw KapacitorError(.internalServerError, "json: unsupported value: \(unsupported)")
            }
            return try Self.json(["series": series.map(ResultSeriesJSON.object)])
        }
        return routes
    }

    /// Starts, restarts or stops the task as its definition now says. A task that cannot start is saved disabled
    /// with the reason in its `error`, and the request fails with that reason.
    func execute(_ task: TaskRecord, restart: Bool) async throws -> TaskRecord {
        // Journaled, so a start that takes the process down is found and disabled at the next start-up.
        let journaled = task.status == "enabled"
        if journaled { try store.beginStarting(task.id) }
        defer { if journaled { try? store.finishedStarting(task.id) } }
        do {
            try await runner.apply(task, restart: restart)
            return task
        } catch {
            var failed = task
            failed.status = "disabled"
            failed.error = error.description
            try store.update(failed)
            throw KapacitorError.badRequest("failed to start task: \(error.description)")
        }
    }

    private func list(_ request: Request) throws -> Response {
        let query = request.uri.queryParameters
        let page = try ListPage(query)
        let fields = query.getAll("fields").map { String($0) }
        var documents: [[String: Any]] = []
        for task in page.select(try store.tasks(), id: \.id) {
            let document = try TaskJSON.task(task, formatted: Self.formatted(request), executing: runner.executing(task.id))
            documents.append(fields.isEmpty ? document : document.filter { ["id", "link"].contains($0.key) || fields.contains($0.key) })
        }
        return try Self.json(["tasks": documents])
    }

    static func formatted(_ request: Request) -> Bool {
        request.uri.queryParameters.get("script-format") != "raw"
    }

    static func decode<T: Decodable>(_ type: T.Type, _ request: Request, _ context: BasicRequestContext) async throws -> T {
        let body = try await request.body.collect(upTo: 16 << 20)
        do {
            return try JSONDecoder().decode(T.self, from: Data(body.readableBytesView))
        } catch let error as TaskVarError {
            throw KapacitorError.badRequest("invalid var: \(error)")
        } catch let error as DecodingError {
            throw KapacitorError.badRequest("invalid JSON: \(DecodingErrorText.describe(error))")
        } catch {
            throw KapacitorError.badRequest("invalid JSON: \(error)")
        }
    }

    static func json(_ object: Any) throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: try TaskJSON.response(object))))
    }
}

/// `offset`, `limit` (default 100) and a glob `pattern` over ids, as Kapacitor's list endpoints take them.
struct ListPage {
    let offset: Int
    let limit: Int
    let pattern: String?

    init(_ query: Hummingbird.Parameters) throws {
        guard let offset = Int(query.get("offset") ?? "0"), offset >= 0 else { throw KapacitorError.badRequest("invalid offset parameter") }
        guard let limit = Int(query.get("limit") ?? "100"), limit >= 0 else { throw KapacitorError.badRequest("invalid limit parameter") }
        self.offset = offset
        self.limit = limit
        self.pattern = query.get("pattern").flatMap { $0.isEmpty ? nil : $0 }
    }

    func select<T>(_ items: [T], id: (T) -> String) -> [T] {
        let matching = pattern.map { pattern in items.filter { GlobPattern.matches(id($0), pattern: pattern) } } ?? items
        return Array(matching.dropFirst(offset).prefix(limit))
    }
}
