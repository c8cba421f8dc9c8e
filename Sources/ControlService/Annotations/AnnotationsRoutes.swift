import Foundation
import Hummingbird
import InfluxClient
import InfluxQL

/// `/chronograf/v1/sources/{id}/annotations[/{aid}]`: Chronograf's annotations of a source, with its statuses and
/// texts: the list needs `since` (422 without), takes `until` (default now) and `tag=key op 'value'` filters; create
/// answers 201 with a new UUID; a missing annotation is a 400 `annotation not found` on GET and DELETE and a 404 on
/// PATCH, as Chronograf answers.
struct AnnotationsRoutes {
    let store: ControlStore

    func collection() -> RouteCollection<ControlRequestContext> {
        let routes = RouteCollection(context: ControlRequestContext.self)
        routes.get("/chronograf/v1/sources/{id}/annotations") { request, context in
            let id = try SourcesRoutes.id(context)
            let (since, until, filters) = try Self.listQuery(FormQuery(request))
            let annotations = try await loading("annotations") {
                try await annotationStore(id).all(from: since, to: until, filters: filters)
            }
            return try SourceJSON.response(["annotations": annotations.map { $0.document(source: id) }])
        }
        routes.get("/chronograf/v1/sources/{id}/annotations/{aid}") { _, context in
            let id = try SourcesRoutes.id(context)
            let store = try annotationStore(id)
            guard let annotation = try await loading("annotation", { try await store.get(Self.annotationID(context)) }) else {
                throw ChronografError(.badRequest, "annotation not found")
            }
            return try SourceJSON.response(annotation.document(source: id))
        }
        routes.post("/chronograf/v1/sources/{id}/annotations") { request, context in
            let id = try SourcesRoutes.id(context)
            let store = try annotationStore(id)
            var annotation = try AnnotationRequest.new(try await SourceJSON.body(of: request))
            annotation.id = UUID().uuidString.lowercased()
            try await writing { try await store.add(annotation) }
            let document = annotation.document(source: id)
            return try SourceJSON.response(document, status: .created, location: Self.link(document))
        }
        routes.patch("/chronograf/v1/sources/{id}/annotations/{aid}") { request, context in
            let id = try SourcesRoutes.id(context)
            let store = try annotationStore(id)
            let aid = Self.annotationID(context)
            guard let current = try? await store.get(aid) else { throw ChronografError(.notFound, "ID \(aid) not found") }
            let changed = try AnnotationRequest.change(current, by: try await SourceJSON.body(of: request))
            try await writing { try await store.update(changed, replacing: current) }
            let document = changed.document(source: id)
            return try SourceJSON.response(document, location: Self.link(document))
        }
        routes.delete("/chronograf/v1/sources/{id}/annotations/{aid}") { _, context in
            let store = try annotationStore(try SourcesRoutes.id(context))
            // Chronograf answers any failure of a deletion, the lookup included, with a 400.
            guard let annotation = try await writing({ try await store.get(Self.annotationID(context)) }) else {
                throw ChronografError(.badRequest, "annotation not found")
            }
            try await writing { try await store.delete(annotation) }
            return Response(status: .noContent)
        }
        return routes
    }

    private func annotationStore(_ id: Int64) throws -> AnnotationStore {
        guard let source = try store.source(id) else { throw ChronografError.notFound(id) }
        return AnnotationStore(influx: RemoteInfluxDB(connection: SourcesRoutes.connection(source), timeout: .seconds(15)))
    }

    private static func annotationID(_ context: ControlRequestContext) -> String {
        context.pathValue("aid")
    }

    private static func link(_ document: [String: Any]) -> String? {
        (document["links"] as? [String: String])?["self"]
    }

    /// A read's failure as Chronograf reports it: a 500 `Unknown error: Error loading …`.
    private func loading<T>(_ what: String, _ read: () async throws -> T) async throws -> T {
        do { return try await read() } catch let error as ChronografError { throw error } catch {
            throw ChronografError(.internalServerError, "Unknown error: Error loading \(what): \(error)")
        }
    }

    /// A change's failure as Chronograf reports it: a 400 with the source's error.
    private func writing<T>(_ change: () async throws -> T) async throws -> T {
        do { return try await change() } catch let error as ChronografError { throw error } catch {
            throw ChronografError(.badRequest, "\(error)")
        }
    }

    /// `since` (required), `until` (default now; the two swapped when reversed) and each `tag` filter, which must be
    /// one comparison of a tag with a string or regex (Chronograf took any binary expression and pasted it into its
    /// query, where an `OR` could reach past the `deleted` filter).
    static func listQuery(_ parameters: FormQuery) throws -> (Int64, Int64, [InfluxQL.Expression]) {
        guard let since = parameters["since"], !since.isEmpty else {
            throw ChronografError(.unprocessableContent, "since parameter is required")
        }
        var start = try time(since)
        var stop = Int64(Date().timeIntervalSince1970 * 1e9)
        if let until = parameters["until"], !until.isEmpty { stop = try time(until) }
        if start > stop { swap(&start, &stop) }
        let filters = try parameters.all("tag").map { text throws(ChronografError) -> InfluxQL.Expression in
            guard let expression = try? Parser.parseLeadingExpression(text), case .binary(let op, .variable, let value) = expression,
                op.isComparison
            else { throw ChronografError(.unprocessableContent, "Invalid tag query param") }
            switch value {
            case .string, .regex: return expression
            default: throw ChronografError(.unprocessableContent, "Invalid tag query param")
            }
        }
        return (start, stop, filters)
    }

    private static func time(_ text: String) throws -> Int64 {
        guard let nanoseconds = Annotation.parse(text) else {
            throw ChronografError(.unprocessableContent, "parsing time \"\(text)\" as \"2006-01-02T15:04:05.999Z07:00\": cannot parse")
        }
        return nanoseconds
    }
}
