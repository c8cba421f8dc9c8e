import Foundation
import Hummingbird
import InfluxClient
import InfluxQL
import QueryEngine

/// `POST /chronograf/v1/sources/{id}/queries`: what Chronograf's UI asks of each query before it runs it — the width
/// of its time range in milliseconds (`durationMs`, from which the UI makes `:interval:` = durationMs/360 ms) and
/// its builder state (`queryConfig`, the source's default retention policy filled in where the query names none).
/// Chronograf also answered the query's syntax tree (`queryAST`); no Chronograf UI reads it, and Sundial leaves it out.
struct QueriesRoutes {
    let store: ControlStore
    let client = InfluxHTTPClient()

    func collection() -> RouteCollection<ControlRequestContext> {
        let routes = RouteCollection(context: ControlRequestContext.self)
        routes.post("/chronograf/v1/sources/{id}/queries") { request, context in
            let id = try SourcesRoutes.id(context)
            guard try store.source(id) != nil else { throw ChronografError.notFound(id) }
            let body = try await SourceJSON.body(of: request)
            guard let queries = (body["queries"] ?? [Any]()) as? [[String: Any]] else {
                throw ChronografError(.badRequest, "Unparsable JSON")
            }
            let now = Int64(Date().timeIntervalSince1970 * 1e9)
            var answers: [JSONValue] = []
            for query in queries {
                let text = query["query"] as? String ?? ""
                let queryID = query["id"] as? String ?? ""
                var config = QueryConfig(influxQL: text)
                try await fillDefaultRetentionPolicy(&config, context)
                config.shifts = .array([])
                config.id = queryID
                answers.append(
                    .object([
                        "durationMs": .number(Double(Self.durationMilliseconds(text, now: now))), "id": .string(queryID),
                        "query": .string(text), "queryConfig": config.json,
                    ]))
            }
            return try DashboardAnswer.response(JSONValue.object(["queries": .array(answers)]))
        }
        return routes
    }

    /// Chronograf's `DefaultRP`: a builder query without a retention policy reads the database's default one.
    private func fillDefaultRetentionPolicy(_ config: inout QueryConfig, _ context: ControlRequestContext) async throws {
        guard config.retentionPolicy.isEmpty, !config.database.isEmpty, !config.measurement.isEmpty, !config.fields.isEmpty else { return }
        let rows: [[Any]]
        do {
            rows = try await SourceQuery(store: store, client: client).rows(
                "SHOW RETENTION POLICIES ON \(StatementPrinter.quote(config.database))", context)
        } catch let error as ChronografError {
            throw ChronografError(.badRequest, "Unable to load RPs from DB \(config.database): \(error.message)")
        }
        if let row = rows.first(where: { $0.count > 4 && $0[4] as? Bool == true }), let name = row[0] as? String {
            config.retentionPolicy = name
        }
    }

    /// The width of the query's time range (from the first `WHERE`; a missing upper bound is now) in milliseconds, at
    /// least 1; 0 when there is no WHERE or it does not read. A missing lower bound is InfluxDB's earliest time, and
    /// the width then wraps negative and counts as 1, as Go's arithmetic makes it in Chronograf.
    static func durationMilliseconds(_ text: String, now: Int64) -> Int64 {
        guard let start = text.range(of: "WHERE", options: .caseInsensitive),
            let condition = try? Parser.parseLeadingExpression(String(text[start.upperBound...])),
            let bounds = try? ConditionTimeRange.bounds(of: condition, now: now)
        else { return 0 }
        let width = (bounds.upper ?? now) &- (bounds.lower ?? (Int64.min + 2))
        return max(1, max(0, width) / 1_000_000)
    }
}
