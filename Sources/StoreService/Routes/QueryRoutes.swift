import Foundation
import HTTPTypes
import Hummingbird
import InfluxQL
import QueryEngine
import ServerLogging
import Storage
import StoreAccess
import TimeSeries

/// `GET|POST /query`: InfluxQL statements, `;`-separated, answered with InfluxDB's JSON, CSV or MessagePack as
/// `Accept` asks (`QueryResponseFormat`), whole or `chunked=true`. Parameters come from the query string and, for POST, also from a form body
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

    private func query(_ request: Request, isReadOnly: Bool) async throws -> Response {
        let parameters = try await QueryParameters.of(request)
        // As in InfluxDB, a refused login is answered in JSON whatever the client accepts.
        let principal = try authenticator.authenticate(request, parameters: parameters)
        let format = QueryResponseFormat(accept: request.headers[values: .accept], parameters: parameters)
        let gzipped = GzipResponse.isAccepted(by: request.headers)
        var headers: HTTPFields = [.contentType: format.contentType]
        if gzipped { headers[.contentEncoding] = "gzip" }
        do {
            let (database, retentionPolicy) = locator.locate(parameters)
            let key = IndexAnswerCache.Key(
                parameters, database: database, retentionPolicy: retentionPolicy, format: format, gzipped: gzipped)
            let indexVersion = executor.engine.indexVersion()
            if let kept = answers.answer(for: key, at: indexVersion),
                !authenticator.leavesRefusalToExecutor(kept.statements, principal: principal, database: database)
            {
                try authenticator.authorize(kept.statements, principal: principal, database: database)
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: kept.body))
            }
            let parsed = try parsedQueries.statements(query: parameters["q"] ?? "", boundParameters: parameters["params"]) {
                try Self.statements(parameters)
            }
            let (statements, mapped) = locator.locate(parsed, requestDatabase: parameters["db"].flatMap { $0.isEmpty ? nil : $0 })
            try authenticator.authorize(statements, principal: principal, database: database)
            let context = QueryExecutor.Context(
                database: database, retentionPolicy: retentionPolicy, isReadOnly: isReadOnly, principal: principal)
            let epoch = parameters["epoch"].map { Precision(name: $0 == "n" ? "ns" : $0) ?? .nanoseconds }
            if let size = format.chunkSize {
                let body = streamedBody(statements, context: context, size: size, encoding: format.encoding, epoch: epoch)
                return Response(status: .ok, headers: headers, body: gzipped ? GzipResponse.compressing(body) : body)
            }
            let results = await executor.execute(statements, context: context)
            let encoded = ByteBuffer(bytes: Self.encode(results, encoding: format.encoding, epoch: epoch))
            let body = gzipped ? try GzipResponse.compress(encoded) : encoded
            // An answer through a mapping is not kept: the mapping can change without the index changing.
            if !mapped && QueryExecutor.answersFromIndexAlone(statements) && results.allSatisfy({ $0.error == nil }) {
                let answer = IndexAnswerCache.Answer(
                    statements: statements, body: body, contentType: format.contentType, gzipped: gzipped)
                answers.keep(answer, for: key, at: indexVersion)
            }
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
        } catch let error as InfluxErrorResponse {
            return error.response(encoding: format.encoding, contentType: format.contentType)
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

    /// `chunked=true`: each chunk written as soon as the executor makes it: a JSON line or a MessagePack map each.
    private func streamedBody(
        _ statements: [Statement], context: QueryExecutor.Context, size: Int, encoding: QueryResponseFormat.Encoding,
        epoch: Precision?
    ) -> ResponseBody {
        let executor = executor
        return ResponseBody { writer in
            try await executor.executeChunked(statements, context: context, size: size) { chunk in
                try await writer.write(ByteBuffer(bytes: Self.encode([chunk], encoding: encoding, epoch: epoch)))
            }
            try await writer.finish(nil)
        }
    }

    private static func encode(_ results: [StatementResult], encoding: QueryResponseFormat.Encoding, epoch: Precision?) -> [UInt8] {
        switch encoding {
        case .json(let pretty): QueryResponseEncoder.jsonLine(results, epoch: epoch, pretty: pretty)
        case .csv: Array(QueryResponseCSV.csv(results, epoch: epoch).utf8)
        case .messagePack: QueryResponseMessagePack.encode(results, epoch: epoch)
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
