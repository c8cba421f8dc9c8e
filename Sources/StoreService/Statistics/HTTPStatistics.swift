import HTTPTypes
import Hummingbird
import Storage
import TimeSeries

/// InfluxDB's `httpd` statistic for one listener: requests by kind, their time, answers by class, and what writes
/// stored. Counted by a middleware for everything the router answers; the kept-answer handler counts its own.
struct HTTPStatistics: Sendable {
    static let names = [
        "req", "reqActive", "reqDurationNs", "queryReq", "queryReqDurationNs", "queryRespBytes", "writeReq", "writeReqActive",
        "writeReqBytes", "writeReqDurationNs", "pingReq", "statusReq", "authFail", "clientError", "serverError",
        "pointsWrittenOK", "pointsWrittenDropped", "pointsWrittenFail", "promReadReq", "promWriteReq", "recoveredPanics",
    ]

    let counters: StoreStatistics.Counters

    init(engine: StorageEngine, bind: String) {
        counters = engine.statistics.counters("httpd", tags: ["bind": bind], key: "httpd:" + bind, names: Self.names)
    }

    /// A query answered before the router (a kept answer).
    func countKeptAnswer(bytes: Int, duration: Duration) {
        counters.increment("req")
        counters.increment("queryReq")
        counters.add(Int64(bytes), to: "queryRespBytes")
        counters.add(duration.nanoseconds, to: "reqDurationNs")
        counters.add(duration.nanoseconds, to: "queryReqDurationNs")
    }

    /// What a `/write` stored and dropped.
    func countWritten(points: Int, dropped: Int) {
        counters.add(Int64(points), to: "pointsWrittenOK")
        counters.add(Int64(dropped), to: "pointsWrittenDropped")
    }

    var middleware: Middleware { Middleware(statistics: self) }

    struct Middleware: RouterMiddleware {
        typealias Context = BasicRequestContext
        let statistics: HTTPStatistics

        func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
            let counters = statistics.counters
            let kind = Kind(path: request.uri.path)
            counters.increment("req")
            counters.increment("reqActive")
            if let name = kind.requestCounter { counters.increment(name) }
            if kind == .write {
                counters.increment("writeReqActive")
                if let length = request.headers[.contentLength].flatMap({ Int64($0) }) { counters.add(length, to: "writeReqBytes") }
            }
            let started = ContinuousClock.now
            defer {
                let elapsed = (ContinuousClock.now - started).nanoseconds
                counters.add(-1, to: "reqActive")
                counters.add(elapsed, to: "reqDurationNs")
                if kind == .query { counters.add(elapsed, to: "queryReqDurationNs") }
                if kind == .write {
                    counters.add(-1, to: "writeReqActive")
                    counters.add(elapsed, to: "writeReqDurationNs")
                }
            }
            do {
                let response = try await next(request, context)
                count(response.status, kind: kind, responseBytes: response.body.contentLength)
                return response
            } catch {
                count((error as? any HTTPResponseError)?.status ?? .internalServerError, kind: kind, responseBytes: nil)
                throw error
            }
        }

        private func count(_ status: HTTPResponse.Status, kind: Kind, responseBytes: Int?) {
            let counters = statistics.counters
            if status == .unauthorized { counters.increment("authFail") }
            if status.kind == .clientError { counters.increment("clientError") }
            if status.kind == .serverError { counters.increment("serverError") }
            if kind == .query, let responseBytes { counters.add(Int64(responseBytes), to: "queryRespBytes") }
        }
    }

    enum Kind {
        case query, write, ping, status, promRead, promWrite, other

        init(path: String) {
            switch path {
            case "/query": self = .query
            case "/write", "/api/v2/write": self = .write
            case "/ping": self = .ping
            case "/status": self = .status
            case "/api/v1/prom/read": self = .promRead
            case "/api/v1/prom/write": self = .promWrite
            default: self = .other
            }
        }

        var requestCounter: String? {
            switch self {
            case .query: "queryReq"
            case .write: "writeReq"
            case .ping: "pingReq"
            case .status: "statusReq"
            case .promRead: "promReadReq"
            case .promWrite: "promWriteReq"
            case .other: nil
            }
        }
    }
}
