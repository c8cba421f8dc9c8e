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
    let answers: IndexAnswerCache
    let parsedQueries = ParsedQueryCache()

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
    enum Format: Hashable {
        case json(pretty: Bool)
        case chunkedJSON(size: Int)
        case csv

        init(accept: String?, parameters: [String: String]) {
            let accept = accept?.lowercased()
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
        let parameters = try await QueryParameters.of(request)
        let format = Format(accept: request.headers[.accept], parameters: parameters)
        do {
            let principal = try authenticator.authenticate(request, parameters: parameters)
            let (database, retentionPolicy) = locator.locate(parameters)
            let key = IndexAnswerCache.Key(parameters, database: database, retentionPolicy: retentionPolicy, format: format)
            let indexVersion = executor.engine.indexVersion()
            if let kept = answers.answer(for: key, at: indexVersion) {
                try authenticator.authorize(kept.statements, principal: principal, database: database)
                return Response(status: .ok, headers: [.contentType: kept.contentType], body: .init(byteBuffer: kept.body))
            }
            let parsed = try parsedQueries.statements(query: parameters["q"] ?? "", boundParameters: parameters["params"]) {
                try Self.statements(parameters)
            }
            let (statements, mapped) = locator.locate(parsed, requestDatabase: parameters["db"].flatMap { $0.isEmpty ? nil : $0 })
            try authenticator.authorize(statements, principal: principal, database: database)
            let context = QueryExecutor.Context(
                database: database, retentionPolicy: retentionPolicy, isReadOnly: isReadOnly, principal: principal)
            let epoch = parameters["epoch"].map { Precision(name: $0 == "n" ? "ns" : $0) ?? .nanoseconds }
            if case .chunkedJSON(let size) = format {
                return streamedResponse(statements, context: context, size: size, epoch: epoch)
            }
            let results = await executor.execute(statements, context: context)
            let (body, contentType) = Self.encode(results, format: format, epoch: epoch)
            // An answer through a mapping is not kept: the mapping can change without the index changing.
            if !mapped && QueryExecutor.answersFromIndexAlone(statements) && results.allSatisfy({ $0.error == nil }) {
                answers.keep(.init(statements: statements, body: body, contentType: contentType), for: key, at: indexVersion)
            }
            return Response(status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: body))
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

    private static func encode(_ results: [StatementResult], format: Format, epoch: Precision?) -> (ByteBuffer, String) {
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
}
