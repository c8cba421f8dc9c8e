import Foundation
import HTTPTypes
import Hummingbird
import InfluxQL
import QueryEngine
import Storage
import StoreAccess
import TimeSeries

/// `GET|POST /query`: InfluxQL statements, `;`-separated, answered with InfluxDB's JSON (whole or `chunked=true`) or
/// CSV (`Accept: application/csv`). Parameters come from the query string and, for POST, also from a form body
/// (`q`, `db`, `rp`, `epoch`, `pretty`, `chunked`, `chunk_size`, `params`, `u`, `p`).
struct QueryRoutes {
    let executor: QueryExecutor
    let authenticator: RequestAuthenticator
    let locator: DatabaseLocator

    func collection() -> RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.get("/query") { request, context in try await query(request, isReadOnly: true) }
        routes.post("/query") { request, context in try await query(request, isReadOnly: false) }
        for method in [HTTPRequest.Method.put, .delete, .patch] {
            routes.on("/query", method: method) { _, _ -> Response in throw MethodNotAllowed(allowed: "GET, POST, OPTIONS") }
        }
        return routes
    }

    /// How the answer is written: InfluxDB's JSON (whole, or `chunked=true` one line per chunk) or CSV.
    enum Format {
        case json(pretty: Bool)
        case chunkedJSON(size: Int)
        case csv

        init(_ request: Request, parameters: [String: String]) {
            let accept = request.headers[.accept]?.lowercased()
            if accept == "application/csv" || accept == "text/csv" {
                self = .csv
            } else if parameters["chunked"] == "true" {
                self = .chunkedJSON(size: parameters["chunk_size"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } ?? 10_000)
            } else {
                self = .json(pretty: parameters["pretty"] == "true")
            }
        }
    }

    private func query(_ request: Request, isReadOnly: Bool) async throws -> Response {
        let parameters = try await Self.parameters(of: request)
        let format = Format(request, parameters: parameters)
        do {
            let principal = try authenticator.authenticate(request, parameters: parameters)
            let statements = try Self.statements(parameters)
            var database = parameters["db"].flatMap { $0.isEmpty ? nil : $0 }
            var retentionPolicy = parameters["rp"].flatMap { $0.isEmpty ? nil : $0 }
            if let named = database { (database, retentionPolicy) = locator.locate(database: named, retentionPolicy: retentionPolicy) }
            try authenticator.authorize(statements, principal: principal, database: database)
            let context = QueryExecutor.Context(
                database: database, retentionPolicy: retentionPolicy, isReadOnly: isReadOnly, principal: principal)
            let epoch = parameters["epoch"].map { Precision(name: $0 == "n" ? "ns" : $0) ?? .nanoseconds }
            if case .chunkedJSON(let size) = format {
                return streamedResponse(statements, context: context, size: size, epoch: epoch)
            }
            let results = await executor.execute(statements, context: context)
            return Self.response(results, format: format, epoch: epoch)
        } catch let error as InfluxErrorResponse {
            guard case .csv = format else { throw error }
            return Response(
                status: error.status, headers: [.contentType: "text/csv"],
                body: .init(byteBuffer: ByteBuffer(string: QueryResponseCSV.error(error.message))))
        }
    }

    /// The statements of `q`, with `params` bound; InfluxDB's 400s when either does not parse.
    private static func statements(_ parameters: [String: String]) throws -> [Statement] {
        guard let text = parameters["q"], !text.isEmpty else {
            throw InfluxErrorResponse(.badRequest, "missing required parameter \"q\"")
        }
        var bound: [String: BoundParameter] = [:]
        if let json = parameters["params"], !json.isEmpty {
            do {
                bound = try JSONDecoder().decode([String: BoundParameter].self, from: Data(json.utf8))
            } catch {
                throw InfluxErrorResponse(.badRequest, "error parsing query parameters: \(describe(error))")
            }
        }
        let statements: [Statement]
        do {
            statements = try Parser.parse(text, parameters: bound)
        } catch {
            throw InfluxErrorResponse(.badRequest, "error parsing query: \(error)")
        }
        // InfluxDB looks zones up while parsing, so an unknown one is a parse error.
        for case .select(let select) in statements {
            if let zone = select.timezone, TimeZone(identifier: zone) == nil {
                throw InfluxErrorResponse(.badRequest, "error parsing query: unable to find time zone \(zone)")
            }
        }
        return statements
    }

    /// `chunked=true`: each chunk written as soon as the executor makes it, one JSON line each.
    private func streamedResponse(_ statements: [Statement], context: QueryExecutor.Context, size: Int, epoch: Precision?) -> Response {
        let executor = executor
        let body = ResponseBody { writer in
            try await executor.executeChunked(statements, context: context, size: size) { chunk in
                try await writer.write(ByteBuffer(bytes: QueryResponseEncoder.jsonLine([chunk], epoch: epoch)))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/json"], body: body)
    }

    private static func response(_ results: [StatementResult], format: Format, epoch: Precision?) -> Response {
        let (body, contentType): (ByteBuffer, String) =
            switch format {
            case .json(let pretty):
                (ByteBuffer(bytes: QueryResponseEncoder.jsonLine(results, epoch: epoch, pretty: pretty)), "application/json")
            case .chunkedJSON(let size):
                (
                    ByteBuffer(
                        bytes: QueryResponseEncoder.chunks(results, size: size).flatMap {
                            QueryResponseEncoder.jsonLine([$0], epoch: epoch)
                        }),
                    "application/json"
                )
            case .csv: (ByteBuffer(string: QueryResponseCSV.csv(results, epoch: epoch)), "text/csv")
            }
        return Response(status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: body))
    }

    /// A JSON decoding failure in a few words (`the data is not valid JSON`, `unsupported value for "x"`).
    private static func describe(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .dataCorrupted(let context)?, .typeMismatch(_, let context)?, .valueNotFound(_, let context)?:
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "not a JSON object of parameters" : "unsupported value for \"\(path)\""
        default: return "not a JSON object of parameters"
        }
    }

    /// Query-string parameters, overridden by those of a `application/x-www-form-urlencoded` POST body; both
    /// decoded as Go's `url.ParseQuery` does (`+` is a space).
    static func parameters(of request: Request) async throws -> [String: String] {
        var parameters: [String: String] = [:]
        decodeForm(request.uri.query ?? "", into: &parameters)
        guard request.method == .post,
            request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true
        else { return parameters }
        let body = try await request.body.collect(upTo: 25_000_000)
        decodeForm(String(buffer: body), into: &parameters)
        return parameters
    }

    private static func decodeForm(_ text: String, into parameters: inout [String: String]) {
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = decodeFormComponent(parts[0]) else { continue }
            parameters[key] = parts.count > 1 ? decodeFormComponent(parts[1]) ?? "" : ""
        }
    }

    /// `+` as a space and `%XX` escapes; nil for a broken escape or bytes that are not UTF-8.
    private static func decodeFormComponent(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
