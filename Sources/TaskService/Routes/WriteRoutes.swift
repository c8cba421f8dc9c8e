import Foundation
import HTTPTypes
import Hummingbird
import LineProtocol
import PipelineRuntime
import ServerLogging
import TimeSeries

/// `POST /kapacitor/v1/write?db=&rp=&precision=` (and bare `POST /write`): line protocol straight into the running
/// stream tasks that read that database and policy (gzip bodies too, as Telegraf sends them). Errors are plain text, as
/// Kapacitor answers them; the good lines of a batch with bad ones are still delivered.
struct WriteRoutes {
    let runner: TaskRunner
    static let maximumBodySize = 32 << 20

    func collection() -> RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.post("write") { request, _ in try await write(request) }
        return routes
    }

    func write(_ request: Request) async throws -> Response {
        let parameters = request.uri.queryParameters
        guard let database = parameters.get("db"), !database.isEmpty else { return Self.plain(.badRequest, "database is required") }
        let retentionPolicy = parameters.get("rp").flatMap { $0.isEmpty ? nil : $0 } ?? "autogen"
        let precisionName = parameters.get("precision") ?? "n"
        guard let precision = Precision(name: precisionName == "n" ? "ns" : precisionName) else {
            return Self.plain(.badRequest, "invalid precision \"\(precisionName)\"")
        }
        let body: [UInt8]
        do {
            body = try await WriteBody.collect(request, maxBodySize: Self.maximumBodySize)
        } catch .tooLarge {
            return Self.plain(.contentTooLarge, "request body too large")
        } catch .badGzip(let reason) {
            return Self.plain(.badRequest, "gzip: invalid or truncated body (\(reason))")
        }
        guard !body.isEmpty else { return Response(status: .ok) }
        let now = Int64(Date().timeIntervalSince1970 * 1e9)
        let firstError = runner.router.route(
            lineProtocol: body, database: database, retentionPolicy: retentionPolicy, precision: precision,
            defaultTimestamp: precision.truncate(now))
        if let firstError { return Self.plain(.badRequest, firstError.description) }
        return Response(status: .noContent)
    }

    /// Kapacitor's write errors: the text and a newline, not JSON.
    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }
}
