import InfluxQL
import QueryEngine
import TimeSeries

/// Batch tasks' queries against the embedded store, through the same query engine `/query` uses.
struct EmbeddedQuerier: InfluxQLQuerying {
    let executor: QueryExecutor

    func query(_ text: String) async throws -> [StatementResult] {
        await executor.execute(try Parser.parse(text), context: .init())
    }
}
