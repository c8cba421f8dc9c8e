import Foundation
import Hummingbird
import QueryEngine
import Storage
import StoreAccess
import TimeSeries

/// `GET /debug/vars`: InfluxDB's expvar document, which Telegraf's `inputs.influxdb` reads: `system` (start,
/// uptime), `cmdline`, `memstats`, then every statistic (`SHOW STATS`) as `{"name","tags","values"}` under its key
/// (`httpd:127.0.0.1:8086`, `database:db`, `shard:<path>:<id>`, `write`, `cq`, `queryExecutor`, `runtime`).
/// `GET|HEAD /status`: 204, as InfluxDB. With auth on, `/debug/vars` needs an admin's credentials (InfluxDB leaves it
/// open unless `pprof-auth-enabled`; it names every database).
struct DebugVarsRoutes {
    let engine: StorageEngine
    let authenticator: RequestAuthenticator

    func collection() -> RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.get("/status") { _, _ in Response(status: .noContent) }
        routes.head("/status") { _, _ in Response(status: .noContent) }
        routes.get("/debug/vars") { request, _ in try vars(request) }
        return routes
    }

    private func vars(_ request: Request) throws -> Response {
        let parameters = Dictionary(
            request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { first, _ in first })
        if authenticator.isEnabled {
            guard let principal = try authenticator.authenticate(request, parameters: parameters), principal.isAdmin else {
                throw InfluxErrorResponse(.forbidden, "admin privilege required")
            }
        }
        var parts: [String] = []
        let system: [String: Any] = [
            "currentTime": RFC3339Text.now(), "started": RFC3339Text.format(ProcessFacts.started),
            "uptime": ProcessFacts.uptimeSeconds,
        ]
        parts.append("\"system\": " + (try Self.json(system)))
        parts.append("\"cmdline\": " + (try Self.json(CommandLine.arguments)))
        parts.append("\"memstats\": " + (try Self.json(ProcessFacts.memory())))
        for statistic in engine.statistics.all() {
            let object: [String: Any] = [
                "name": statistic.name, "tags": statistic.tags.isEmpty ? NSNull() : statistic.tags as Any, "values": statistic.values,
            ]
            parts.append((try Self.json(statistic.key)) + ": " + (try Self.json(object)))
        }
        let body = "{\n" + parts.joined(separator: ",\n") + "\n}\n"
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    private static func json(_ value: Any) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        return String(decoding: data, as: UTF8.self)
    }
}

/// Times as Go's `time.RFC3339Nano` in UTC, for the process facts.
enum RFC3339Text {
    static func format(_ date: Date) -> String {
        RFC3339.format(nanoseconds: Int64(date.timeIntervalSince1970 * 1e9))
    }

    static func now() -> String { format(Date()) }
}
