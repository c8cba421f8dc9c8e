import HTTPTypes
import Hummingbird
import ServerLogging
import Storage
import TimeSeries

/// `POST /write?db=&rp=&precision=&consistency=`: line protocol into the embedded store, with InfluxDB 1.x's
/// checks in its order, its status codes and its error texts (partial writes report the bad lines and still
/// store the good ones).
struct WriteRoutes {
    let engine: StorageEngine
    let maxBodySize: Int
    let authenticator: RequestAuthenticator
    let locator: DatabaseLocator
    let statistics: HTTPStatistics

    func collection() -> RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.post("/write") { request, context in try await write(request, context) }
        for method in [HTTPRequest.Method.get, .put, .delete, .patch] {
            routes.on("/write", method: method) { _, _ -> Response in
                throw MethodNotAllowed(allowed: "OPTIONS, POST")
            }
        }
        return routes
    }

    private func write(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let parameters = request.uri.queryParameters
        let principal = try authenticator.authenticate(
            request, parameters: Dictionary(parameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { first, _ in first }))
        let precisionName = parameters["precision"].map(String.init) ?? ""
        guard precisionName != "us", let precision = Precision(name: precisionName) else {
            throw InfluxErrorResponse(.badRequest, "invalid precision \"\(precisionName)\" (use n, u, ms, s, m or h)")
        }
        guard let named = parameters["db"].map(String.init), !named.isEmpty else {
            throw InfluxErrorResponse(.badRequest, "database is required")
        }
        let (database, retentionPolicy) = locator.locate(database: named, retentionPolicy: parameters["rp"].map(String.init))
        if let consistency = parameters["consistency"], !["any", "one", "quorum", "all"].contains(String(consistency)) {
            throw InfluxErrorResponse(.badRequest, "invalid consistency level")
        }
        guard engine.databaseInfo(database) != nil else {
            throw InfluxErrorResponse(.notFound, "database not found: \"\(database)\"")
        }
        try authenticator.authorizeWrite(principal: principal, database: database)
        let body = try await readBody(request)
        guard !body.isEmpty else { return Response(status: .noContent) }
        let outcome: WriteOutcome
        do {
            outcome = try await engine.write(
                body, database: database, retentionPolicy: retentionPolicy, precision: precision)
        } catch let error as StorageError {
            switch error.kind {
            case .databaseNotFound: throw InfluxErrorResponse(.notFound, error.message)
            default: throw InfluxErrorResponse(.internalServerError, error.message)
            }
        } catch {
            // A file operation failed (disk full, I/O error): nothing of the batch was stored.
            throw InfluxErrorResponse(.internalServerError, "\(error)")
        }
        statistics.countWritten(points: outcome.pointsWritten, dropped: outcome.dropped)
        if let message = outcome.errorMessage { throw InfluxErrorResponse(.badRequest, message) }
        return Response(status: .noContent)
    }

    /// The body; over `maxBodySize` (before or after gunzip) is a 413.
    private func readBody(_ request: Request) async throws -> [UInt8] {
        do {
            return try await WriteBody.collect(request, maxBodySize: maxBodySize)
        } catch .tooLarge {
            throw InfluxErrorResponse(.contentTooLarge, "Request Entity Too Large")
        } catch .badGzip(let reason) {
            throw InfluxErrorResponse(.badRequest, "gzip: invalid or truncated body (\(reason))")
        }
    }
}

/// A known path asked with a method it does not serve: 405 with `Allow`, as Go's router answers.
struct MethodNotAllowed: HTTPResponseError {
    let allowed: String
    var status: HTTPResponse.Status { .methodNotAllowed }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: status, headers: [.allow: allowed, .contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: "Method Not Allowed\n"))
        )
    }
}
