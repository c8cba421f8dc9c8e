import Foundation
import Hummingbird
import InfluxClient

/// `/chronograf/v1/sources`: InfluxDB connections. A source is contacted on create and on change (`/ping`, then
/// `SHOW DATABASES` with its credentials); when that fails nothing is stored and the answer is Chronograf's 400
/// `Error contacting source`, with the cause in `reason`.
struct SourcesRoutes {
    let store: ControlStore
    /// With sign-in on, every list shows the current organization's sources only (`default` until one is chosen), as
    /// Chronograf scopes them; with it off, all of them until an organization is chosen.
    var isScoped = false
    let client = InfluxHTTPClient()

    func collection() -> RouteCollection<ControlRequestContext> {
        let routes = RouteCollection(context: ControlRequestContext.self)
        routes.get("/chronograf/v1/sources") { request, _ in
            // After "Switch Organizations", only the current organization's sources.
            let current = MeRoutes.currentOrganization(request) ?? (isScoped ? "default" : nil)
            let sources = try store.sources().filter { current == nil || $0.organization == current }
            return try SourceJSON.response(["sources": sources.map { SourceJSON.document($0, file: store.file(ofSource: $0.id ?? -1)) }])
        }
        routes.post("/chronograf/v1/sources") { request, _ in try await create(request) }
        routes.get("/chronograf/v1/sources/{id}") { _, context in
            let source = try source(context)
            return try SourceJSON.response(SourceJSON.document(source, file: store.file(ofSource: source.id ?? -1)))
        }
        routes.patch("/chronograf/v1/sources/{id}") { request, context in
            try await update(request, try changeable(try source(context)))
        }
        routes.delete("/chronograf/v1/sources/{id}") { _, context in
            let id = try Self.id(context)
            _ = try changeable(try source(context))
            guard try store.deleteSource(id) else { throw ChronografError.notFound(id) }
            return Response(status: .noContent)
        }
        routes.get("/chronograf/v1/sources/{id}/health") { _, context in
            let source = try source(context)
            do {
                _ = try await client.ping(Self.connection(source))
            } catch {
                throw ChronografError(.badRequest, "Error contacting source", reason: "\(error)")
            }
            return Response(status: .noContent)
        }
        return routes
    }

    private func create(_ request: Request) async throws -> Response {
        var source = SourceRecord()
        source.organization = MeRoutes.currentOrganization(request) ?? "default"
        SourceJSON.apply(try await SourceJSON.body(of: request), to: &source)
        try Self.validate(source)
        try await contact(&source)
        guard request.uri.queryParameters["dryRun"] == nil else {
            return try SourceJSON.response(SourceJSON.document(source), status: .created)
        }
        let saved = try store.save(source)
        let location = "/chronograf/v1/sources/\(saved.id ?? 0)"
        return try SourceJSON.response(SourceJSON.document(saved), status: .created, location: location)
    }

    private func update(_ request: Request, _ stored: SourceRecord) async throws -> Response {
        var source = stored
        SourceJSON.apply(try await SourceJSON.body(of: request), to: &source)
        try Self.validate(source)
        try await contact(&source)
        guard request.uri.queryParameters["dryRun"] == nil else { return try SourceJSON.response(SourceJSON.document(source)) }
        return try SourceJSON.response(SourceJSON.document(try store.save(source)))
    }

    /// Chronograf's checks, with its 422 texts.
    static func validate(_ source: SourceRecord) throws {
        guard !source.url.isEmpty else { throw ChronografError(.unprocessableContent, "url required") }
        guard source.type.isEmpty || SourceRecord.types.contains(source.type) else {
            throw ChronografError(.unprocessableContent, "invalid source type \(source.type)")
        }
        try validateURL(source.url)
    }

    /// A URL that parses and has a scheme, with Chronograf's texts; used for Kapacitors too.
    static func validateURL(_ url: String) throws {
        guard let components = URLComponents(string: url) else {
            throw ChronografError(.unprocessableContent, "invalid source URI: parse \"\(url)\": invalid URL")
        }
        guard components.scheme?.isEmpty == false else {
            throw ChronografError(.unprocessableContent, "invalid URL; no URL scheme defined")
        }
    }

    /// Pings the source (its version and kind) and checks the credentials with SHOW DATABASES.
    private func contact(_ source: inout SourceRecord) async throws {
        let connection = Self.connection(source)
        do {
            let ping = try await client.ping(connection)
            if !ping.version.isEmpty { source.version = ping.version }
            if ping.build == "ENT" || ping.version.contains("-c") {
                source.type = "influx-enterprise"
            } else if ping.version.contains("relay") {
                source.type = "influx-relay"
            }
        } catch {
            throw ChronografError(.badRequest, "Error contacting source", reason: "\(error)")
        }
        do {
            _ = try await client.query(connection, "SHOW DATABASES")
        } catch {
            throw ChronografError(.badRequest, error.description, reason: "\(error)")
        }
    }

    static func connection(_ source: SourceRecord) -> InfluxConnection {
        let credentials: InfluxConnection.Credentials =
            if source.type == "influx-v2" {
                .token(source.password)
            } else if !source.username.isEmpty || !source.password.isEmpty {
                .basic(user: source.username, password: source.password)
            } else {
                .none
            }
        return InfluxConnection(url: source.url, credentials: credentials, insecureSkipVerify: source.insecureSkipVerify)
    }

    /// Sources from resource files are changed in their file, not through the API (Chronograf would rewrite the
    /// file with the password in clear).
    private func changeable(_ source: SourceRecord) throws -> SourceRecord {
        if let file = store.file(ofSource: source.id ?? -1) {
            throw ChronografError(.unprocessableContent, "source \(source.id ?? 0) comes from \(file): change it there")
        }
        return source
    }

    private func source(_ context: ControlRequestContext) throws -> SourceRecord {
        let id = try Self.id(context)
        guard let source = try store.source(id) else { throw ChronografError.notFound(id) }
        return source
    }

    /// The `{id}` of the path; 422 `Error converting ID <raw>` when it is not a number.
    static func id(_ context: ControlRequestContext) throws -> Int64 {
        let raw = context.parameters.get("id") ?? ""
        guard let id = Int64(raw) else { throw ChronografError(.unprocessableContent, "Error converting ID \(raw)") }
        return id
    }
}
