import InfluxQL
import Storage
import TimeSeries

/// `EXPLAIN SELECT …`: the iterators InfluxDB would make for the statement (`ExplainPlan`), each with what it would
/// read (`StorageEngine.readCost`): one per aggregate call and measurement (`EXPRESSION: mean(v::float)`), or for a
/// raw query one per measurement with the fields and tags it reads (`EXPRESSION: <nil>`, `AUXILIARY FIELDS: …`). Calls
/// come in the statement's order; InfluxDB's order of several calls is its map's, so it varies from run to run.
/// `EXPLAIN ANALYZE`: `QueryExecutor+ExplainAnalyze`.
extension QueryExecutor {
    func explain(_ select: SelectStatement, analyze: Bool, id: Int, context: Context) async throws -> StatementResult {
        if analyze { return try await explainAnalyze(select, id: id, context: context) }
        let (scope, measurements) = try selectScope(select, context: context)
        let plan = try ExplainPlan(select, scope: scope)
        var lines: [String] = []
        for call in plan.iteratorCalls where plan.readsSomething {
            for measurement in measurements {
                let read = try measurementRead(measurement, select, scope: scope)
                let field = call.flatMap(ExplainPlan.firstReference)
                let cost = try engine.readCost(
                    database: scope.database, retentionPolicy: scope.policy, seriesKeys: read.groups.flatMap { $0.series.map(\.key) },
                    fields: (field.map { [$0] } ?? []) + plan.auxiliary + plan.conditionFields, in: scope.condition.timeRange)
                if !lines.isEmpty { lines.append("") }
                lines.append("EXPRESSION: " + (call.map(plan.typed) ?? "<nil>"))
                if !plan.auxiliary.isEmpty { lines.append("AUXILIARY FIELDS: " + plan.typedAuxiliary) }
                lines += [
                    "NUMBER OF SHARDS: \(cost.shards)", "NUMBER OF SERIES: \(cost.series)", "CACHED VALUES: \(cost.cachedValues)",
                    "NUMBER OF FILES: \(cost.files)", "NUMBER OF BLOCKS: \(cost.blocks)", "SIZE OF BLOCKS: \(cost.blockBytes)",
                ]
            }
        }
        let rows = (lines.isEmpty ? [""] : lines).map { [ResultValue.string($0)] }
        return StatementResult(statementID: id, series: [ResultSeries(name: nil, columns: ["QUERY PLAN"], values: rows)])
    }
}
