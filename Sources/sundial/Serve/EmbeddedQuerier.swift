import InfluxQL
import QueryEngine
import TimeSeries

/// Batch tasks' queries against the embedded store, through the same query engine `/query` uses, authorized as the
/// tasks' principal when the store checks credentials.
struct EmbeddedQuerier: InfluxQLQuerying {
    let executor: QueryExecutor
    let access: EmbeddedStoreAccess

    func query(_ text: String) async throws -> [StatementResult] {
        let statements = try Parser.parse(text)
        try access.authorize(statements)
        return await executor.execute(statements, context: .init())
    }
}
