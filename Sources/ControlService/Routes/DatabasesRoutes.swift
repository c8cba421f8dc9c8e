import Foundation
import Hummingbird
import InfluxClient

/// `/chronograf/v1/sources/{id}/dbs…`: databases, retention policies and measurements of a source, read and changed
/// with InfluxQL through the source's `/query`, signed in with its stored credentials.
struct DatabasesRoutes {
    let store: ControlStore
    let client = InfluxHTTPClient()

    func collection() -> RouteCollection<ControlRequestContext> {
        let routes = RouteCollection(context: ControlRequestContext.self)
        routes.get("/chronograf/v1/sources/{id}/dbs") { _, context in try await list(context) }
        routes.post("/chronograf/v1/sources/{id}/dbs") { request, context in
            let body = try await SourceJSON.body(of: request)
            guard let name = body["name"] as? String, !name.isEmpty else {
                throw ChronografError(.unprocessableContent, "name is required")
            }
            var clauses = ""
            if let duration = body["duration"] as? String, !duration.isEmpty { clauses += " DURATION \(try Self.duration(duration))" }
            if let replication = body["replication"] as? Int, replication > 0 { clauses += " REPLICATION \(replication)" }
            if let shard = body["shardDuration"] as? String, !shard.isEmpty { clauses += " SHARD DURATION \(try Self.duration(shard))" }
            try await run("CREATE DATABASE \(Self.quote(name))" + (clauses.isEmpty ? "" : " WITH" + clauses), context)
            return try await database(name, context, status: .created)
        }
        routes.delete("/chronograf/v1/sources/{id}/dbs/{db}") { _, context in
            try await run("DROP DATABASE \(Self.quote(context.pathValue("db")))", context)
            return Response(status: .noContent)
        }
        routes.get("/chronograf/v1/sources/{id}/dbs/{db}/rps") { _, context in
            let db = context.pathValue("db")
            let rows = try await rows("SHOW RETENTION POLICIES ON \(Self.quote(db))", context)
            return try SourceJSON.response([
                "retentionPolicies": DatabaseJSON.policies(source: try SourcesRoutes.id(context), database: db, rows)
            ])
        }
        routes.post("/chronograf/v1/sources/{id}/dbs/{db}/rps") { request, context in try await createPolicy(request, context) }
        routes.put("/chronograf/v1/sources/{id}/dbs/{db}/rps/{rp}") { request, context in try await alterPolicy(request, context) }
        routes.delete("/chronograf/v1/sources/{id}/dbs/{db}/rps/{rp}") { _, context in
            let (db, rp) = (context.pathValue("db"), context.pathValue("rp"))
            try await run("DROP RETENTION POLICY \(Self.quote(rp)) ON \(Self.quote(db))", context)
            return Response(status: .noContent)
        }
        routes.get("/chronograf/v1/sources/{id}/dbs/{db}/measurements") { request, context in try await measurements(request, context) }
        return routes
    }

    private func list(_ context: ControlRequestContext) async throws -> Response {
        let names = try await rows("SHOW DATABASES", context).compactMap { $0.first as? String }
        var documents: [[String: Any]] = []
        for name in names {
            let policies = try await rows("SHOW RETENTION POLICIES ON \(Self.quote(name))", context)
            documents.append(DatabaseJSON.document(source: try SourcesRoutes.id(context), database: name, policies: policies))
        }
        return try SourceJSON.response(["databases": documents])
    }

    private func database(_ name: String, _ context: ControlRequestContext, status: HTTPResponse.Status) async throws -> Response {
        let policies = try await rows("SHOW RETENTION POLICIES ON \(Self.quote(name))", context)
        return try SourceJSON.response(
            DatabaseJSON.document(source: try SourcesRoutes.id(context), database: name, policies: policies), status: status)
    }

    private func createPolicy(_ request: Request, _ context: ControlRequestContext) async throws -> Response {
        let db = context.pathValue("db")
        let body = try await SourceJSON.body(of: request)
        guard let name = body["name"] as? String, !name.isEmpty else { throw ChronografError(.unprocessableContent, "name is required") }
        guard let duration = body["duration"] as? String, !duration.isEmpty else {
            throw ChronografError(.unprocessableContent, "duration is required")
        }
        guard let replication = body["replication"] as? Int, replication > 0 else {
            throw ChronografError(.unprocessableContent, "replication factor is invalid")
        }
        var text =
            "CREATE RETENTION POLICY \(Self.quote(name)) ON \(Self.quote(db)) DURATION \(try Self.duration(duration)) REPLICATION \(replication)"
        if let shard = body["shardDuration"] as? String, !shard.isEmpty { text += " SHARD DURATION \(try Self.duration(shard))" }
        if body["isDefault"] as? Bool == true { text += " DEFAULT" }
        try await run(text, context)
        return try await policy(name, database: db, context, status: .created)
    }

    private func alterPolicy(_ request: Request, _ context: ControlRequestContext) async throws -> Response {
        let (db, rp) = (context.pathValue("db"), context.pathValue("rp"))
        let body = try await SourceJSON.body(of: request)
        var clauses = ""
        if let duration = body["duration"] as? String, !duration.isEmpty { clauses += " DURATION \(try Self.duration(duration))" }
        if let replication = body["replication"] as? Int, replication > 0 { clauses += " REPLICATION \(replication)" }
        if let shard = body["shardDuration"] as? String, !shard.isEmpty { clauses += " SHARD DURATION \(try Self.duration(shard))" }
        if body["isDefault"] as? Bool == true { clauses += " DEFAULT" }
        guard !clauses.isEmpty else { throw ChronografError(.unprocessableContent, "nothing to change") }
        try await run("ALTER RETENTION POLICY \(Self.quote(rp)) ON \(Self.quote(db))" + clauses, context)
        return try await policy(rp, database: db, context, status: .ok)
    }

    private func policy(_ name: String, database: String, _ context: ControlRequestContext, status: HTTPResponse.Status) async throws
        -> Response
    {
        let rows = try await rows("SHOW RETENTION POLICIES ON \(Self.quote(database))", context)
        let policies = DatabaseJSON.policies(source: try SourcesRoutes.id(context), database: database, rows)
        guard let policy = policies.first(where: { $0["name"] as? String == name }) else {
            throw ChronografError(.notFound, "retention policy \(name) not found")
        }
        return try SourceJSON.response(policy, status: status)
    }

    private func measurements(_ request: Request, _ context: ControlRequestContext) async throws -> Response {
        let db = context.pathValue("db")
        let limit = request.uri.queryParameters["limit"].flatMap { Int($0) } ?? 100
        let offset = request.uri.queryParameters["offset"].flatMap { Int($0) } ?? 0
        let names = try await rows("SHOW MEASUREMENTS ON \(Self.quote(db)) LIMIT \(limit) OFFSET \(offset)", context).compactMap {
            $0.first as? String
        }
        let base = "/chronograf/v1/sources/\(try SourcesRoutes.id(context))/dbs/\(db)/measurements"
        return try SourceJSON.response([
            "measurements": names.map { ["name": $0] },
            "links": [
                "self": "\(base)?limit=\(limit)&offset=\(offset)", "first": "\(base)?limit=\(limit)&offset=0",
                "next": "\(base)?limit=\(limit)&offset=\(offset + limit)",
                "prev": "\(base)?limit=\(limit)&offset=\(max(offset - limit, 0))",
            ],
        ])
    }

    /// Runs one statement; an error in its result is a 400 with InfluxDB's text.
    private func run(_ text: String, _ context: ControlRequestContext) async throws {
        _ = try await rows(text, context)
    }

    private func rows(_ text: String, _ context: ControlRequestContext) async throws -> [[Any]] {
        try await SourceQuery(store: store, client: client).rows(text, context)
    }

    /// A name as an InfluxQL identifier.
    static func quote(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A duration for the generated statement, or 422: it goes into the text as a literal (`DurationText`).
    static func duration(_ text: String) throws -> String {
        guard DurationText.isValid(text, allowingInfinite: true) else {
            throw ChronografError(.unprocessableContent, "invalid duration \(text)")
        }
        return text
    }
}
