import Foundation
import Hummingbird
import InfluxClient

/// `/chronograf/v1/sources/{id}/kapacitors`: the Kapacitor connections of a source. Unlike Chronograf, a Kapacitor
/// is contacted (`/kapacitor/v1/ping`) on create and when its URL or credentials change, and stored only when it
/// answers; at most one per source is active.
struct KapacitorsRoutes {
    let store: ControlStore
    let client = InfluxHTTPClient()

    func collection() -> RouteCollection<ControlRequestContext> {
        let routes = RouteCollection(context: ControlRequestContext.self)
        let base = "/chronograf/v1/sources/{id}/kapacitors"
        routes.get(RouterPath(base)) { _, context in
            let sourceID = try SourcesRoutes.id(context)
            let kapacitors = try store.kapacitors(of: sourceID)
            return try SourceJSON.response([
                "kapacitors": kapacitors.map { KapacitorJSON.document($0, file: store.file(ofKapacitor: $0.id ?? -1)) }
            ])
        }
        routes.post(RouterPath(base)) { request, context in try await create(request, sourceID: try existingSource(context)) }
        routes.get(RouterPath(base + "/{kid}")) { _, context in
            let kapacitor = try kapacitor(context)
            return try SourceJSON.response(KapacitorJSON.document(kapacitor, file: store.file(ofKapacitor: kapacitor.id ?? -1)))
        }
        routes.patch(RouterPath(base + "/{kid}")) { request, context in try await update(request, try changeable(try kapacitor(context))) }
        routes.delete(RouterPath(base + "/{kid}")) { _, context in
            let (sourceID, id) = (try SourcesRoutes.id(context), try Self.kapacitorID(context))
            _ = try changeable(try kapacitor(context))
            guard try store.deleteKapacitor(id, of: sourceID) else { throw ChronografError.notFound(id) }
            return Response(status: .noContent)
        }
        return routes
    }

    private func create(_ request: Request, sourceID: Int64) async throws -> Response {
        var kapacitor = KapacitorRecord(sourceID: sourceID)
        KapacitorJSON.apply(try await SourceJSON.body(of: request), to: &kapacitor)
        guard !kapacitor.name.isEmpty, !kapacitor.url.isEmpty else { throw ChronografError(.unprocessableContent, "name and url required") }
        try SourcesRoutes.validateURL(kapacitor.url)
        try await contact(kapacitor)
        let saved = try store.save(kapacitor)
        let location = "/chronograf/v1/sources/\(sourceID)/kapacitors/\(saved.id ?? 0)"
        return try SourceJSON.response(KapacitorJSON.document(saved), status: .created, location: location)
    }

    private func update(_ request: Request, _ stored: KapacitorRecord) async throws -> Response {
        var kapacitor = stored
        KapacitorJSON.apply(try await SourceJSON.body(of: request), to: &kapacitor)
        guard !kapacitor.name.isEmpty, !kapacitor.url.isEmpty else { throw ChronografError(.unprocessableContent, "name and url required") }
        try SourcesRoutes.validateURL(kapacitor.url)
        if (kapacitor.url, kapacitor.username, kapacitor.password, kapacitor.insecureSkipVerify)
            != (stored.url, stored.username, stored.password, stored.insecureSkipVerify)
        {
            try await contact(kapacitor)
        }
        return try SourceJSON.response(KapacitorJSON.document(try store.save(kapacitor)))
    }

    private func contact(_ kapacitor: KapacitorRecord) async throws {
        let credentials: InfluxConnection.Credentials =
            kapacitor.username.isEmpty && kapacitor.password.isEmpty
            ? .none : .basic(user: kapacitor.username, password: kapacitor.password)
        let connection = InfluxConnection(url: kapacitor.url, credentials: credentials, insecureSkipVerify: kapacitor.insecureSkipVerify)
        do {
            _ = try await client.ping(connection, path: "/kapacitor/v1/ping")
        } catch {
            throw ChronografError(.badRequest, "Error contacting kapacitor", reason: "\(error)")
        }
    }

    private func existingSource(_ context: ControlRequestContext) throws -> Int64 {
        let id = try SourcesRoutes.id(context)
        guard try store.source(id) != nil else { throw ChronografError.notFound(id) }
        return id
    }

    /// Kapacitors from resource files are changed in their file, not through the API.
    private func changeable(_ kapacitor: KapacitorRecord) throws -> KapacitorRecord {
        if let file = store.file(ofKapacitor: kapacitor.id ?? -1) {
            throw ChronografError(.unprocessableContent, "kapacitor \(kapacitor.id ?? 0) comes from \(file): change it there")
        }
        return kapacitor
    }

    private func kapacitor(_ context: ControlRequestContext) throws -> KapacitorRecord {
        let id = try Self.kapacitorID(context)
        guard let kapacitor = try store.kapacitor(id, of: try SourcesRoutes.id(context)) else { throw ChronografError.notFound(id) }
        return kapacitor
    }

    static func kapacitorID(_ context: ControlRequestContext) throws -> Int64 {
        let raw = context.parameters.get("kid") ?? ""
        guard let id = Int64(raw) else { throw ChronografError(.unprocessableContent, "Error converting ID \(raw)") }
        return id
    }
}
