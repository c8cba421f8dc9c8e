import Foundation
import HTTPTypes
import Hummingbird
import InfluxClient

/// The passthroughs the UI uses, each signed in with the stored credentials, which never reach the browser:
/// InfluxQL (`/sources/{id}/proxy`), line protocol (`/sources/{id}/write`), and the Kapacitor API
/// (`/sources/{id}/kapacitors/{kid}/proxy?path=`).
struct ProxyRoutes {
    let store: ControlStore
    let client = InfluxHTTPClient()

    func collection() -> RouteCollection<ControlRequestContext> {
        let routes = RouteCollection(context: ControlRequestContext.self)
        routes.post("/chronograf/v1/sources/{id}/proxy") { request, context in try await query(request, context) }
        routes.post("/chronograf/v1/sources/{id}/write") { request, context in try await write(request, context) }
        for method in [HTTPRequest.Method.get, .post, .patch, .put, .delete] {
            routes.on("/chronograf/v1/sources/{id}/kapacitors/{kid}/proxy", method: method) { request, context in
                try await kapacitor(request, context)
            }
        }
        return routes
    }

    /// `{"query", "db", "rp", "epoch", "uuid"}` → `{"results": […], "uuid": …}`; the UI sends X-Requested-With.
    private func query(_ request: Request, _ context: ControlRequestContext) async throws -> Response {
        guard request.headers[.init("X-Requested-With")!] == "XMLHttpRequest" else {
            throw ChronografError(.forbidden, "missing required X-Requested-With header")
        }
        let (id, source) = try self.source(context)
        let body = try await SourceJSON.body(of: request)
        guard let text = body["query"] as? String, !text.isEmpty else {
            throw ChronografError(.unprocessableContent, "query field required")
        }
        var parameters = [("epoch", body["epoch"] as? String ?? "ms")]
        if let rp = body["rp"] as? String, !rp.isEmpty { parameters.append(("rp", rp)) }
        let database = (body["db"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        let answer: [UInt8]
        do {
            answer = try await client.query(SourcesRoutes.connection(source), text, database: database, parameters: parameters)
        } catch .unreachable(let reason) {
            throw ChronografError(.badRequest, "Unable to connect to source \(id): \(reason)")
        } catch {
            throw ChronografError(.badRequest, "\(error)")
        }
        let uuid = body["uuid"] as? String ?? UUID().uuidString.lowercased()
        if let spliced = Self.withUUID(answer, uuid) {
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: spliced)))
        }
        let results = (try? JSONSerialization.jsonObject(with: Data(answer)) as? [String: Any])?["results"] ?? []
        return try SourceJSON.response(["results": results, "uuid": uuid])
    }

    /// InfluxDB's `{"results":[…]}` with `"uuid"` added before its closing brace, the results passed through as
    /// they came: a dashboard's answers run to megabytes, and parsing and writing them again was most of the time a
    /// cell took. Nil for any other answer.
    static func withUUID(_ answer: [UInt8], _ uuid: String) -> [UInt8]? {
        let opening = Array(#"{"results":"#.utf8)
        guard answer.starts(with: opening), let close = answer.lastIndex(of: UInt8(ascii: "}")),
            answer[(close + 1)...].allSatisfy({ $0 == 0x0A || $0 == 0x0D || $0 == 0x20 }),
            let quoted = try? JSONSerialization.data(withJSONObject: uuid, options: [.fragmentsAllowed])
        else { return nil }
        return Array(answer[..<close]) + Array(#","uuid":"#.utf8) + Array(quoted) + Array("}\n".utf8)
    }

    /// Line protocol to the source's `/write`, query string kept; InfluxDB's answer passed back as it is.
    private func write(_ request: Request, _ context: ControlRequestContext) async throws -> Response {
        let (id, source) = try self.source(context)
        let body = Array(try await request.body.collect(upTo: 25_000_000).readableBytesView)
        let query = FormQuery(request).pairs.map { ($0.key, $0.value) }
        do {
            let answer = try await client.relay(SourcesRoutes.connection(source), method: "POST", path: "/write", query: query, body: body)
            return Self.response(answer)
        } catch {
            throw ChronografError(.badRequest, "Unable to connect to source \(id): \(error)")
        }
    }

    private func kapacitor(_ request: Request, _ context: ControlRequestContext) async throws -> Response {
        let sourceID = try SourcesRoutes.id(context)
        let kapacitorID = try KapacitorsRoutes.kapacitorID(context)
        guard let kapacitor = try store.kapacitor(kapacitorID, of: sourceID) else { throw ChronografError.notFound(kapacitorID) }
        guard let target = FormQuery(request)["path"], !target.isEmpty else {
            throw ChronografError(.unprocessableContent, "path query parameter required")
        }
        let components = URLComponents(string: target)
        let credentials: InfluxConnection.Credentials =
            !kapacitor.username.isEmpty && !kapacitor.password.isEmpty
            ? .basic(user: kapacitor.username, password: kapacitor.password) : .none
        let connection = InfluxConnection(url: kapacitor.url, credentials: credentials, insecureSkipVerify: kapacitor.insecureSkipVerify)
        let body = Array(try await request.body.collect(upTo: 25_000_000).readableBytesView)
        do {
            let answer = try await client.relay(
                connection, method: request.method.rawValue, path: components?.path ?? target,
                query: (components?.queryItems ?? []).map { ($0.name, $0.value ?? "") }, body: body.isEmpty ? nil : body)
            return Self.response(answer)
        } catch {
            // A reverse proxy that reaches nothing answers 502, as Chronograf's does.
            return Response(status: .badGateway)
        }
    }

    private func source(_ context: ControlRequestContext) throws -> (Int64, SourceRecord) {
        let id = try SourcesRoutes.id(context)
        guard let source = try store.source(id) else { throw ChronografError.notFound(id) }
        return (id, source)
    }

    static func response(_ answer: InfluxHTTPClient.Relayed) -> Response {
        var headers: HTTPFields = [:]
        if let type = answer.contentType { headers[.contentType] = type }
        return Response(status: .init(code: answer.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}

/// `/sources/{id}/dbs` documents, as Chronograf writes them.
enum DatabaseJSON {
    static func document(source: Int64, database: String, policies: [[Any]]) -> [String: Any] {
        let base = "/chronograf/v1/sources/\(source)/dbs/\(database)"
        return [
            "name": database, "retentionPolicies": Self.policies(source: source, database: database, policies),
            "links": ["self": base, "retentionPolicies": base + "/rps", "measurements": base + "/measurements?limit=100&offset=0"],
        ]
    }

    /// Rows of SHOW RETENTION POLICIES (name, duration, shard duration, replication, default) as documents.
    static func policies(source: Int64, database: String, _ rows: [[Any]]) -> [[String: Any]] {
        rows.compactMap { row -> [String: Any]? in
            guard row.count >= 5, let name = row[0] as? String else { return nil }
            return [
                "name": name, "duration": row[1] as? String ?? "", "shardDuration": row[2] as? String ?? "",
                "replication": row[3] as? Int ?? 1, "isDefault": row[4] as? Bool ?? false,
                "links": ["self": "/chronograf/v1/sources/\(source)/dbs/\(database)/rps/\(name)"],
            ]
        }
    }
}
