import InfluxQL
import LineProtocol
import Storage
import TimeSeries

/// `EXPLAIN ANALYZE SELECT …`: the statement is run, and what it did is shown in InfluxDB's tree: its planning,
/// execution and total time, then per iterator InfluxDB would make (per call, or the raw query's fields) and per
/// measurement and shard it reads, the cursors InfluxDB would open there (series with the field in that shard) and
/// the TSM blocks Sundial actually decoded for those fields (`ReadTrace`; values read from block statistics or the
/// cache decode none).
extension QueryExecutor {
    private struct ShardIterator {
        let labels: [(String, String)]
        let cursors: (reference: Int, auxiliary: Int, condition: Int)
        let shard: Int
        let measurement: String
        let fields: [String]
        let planning: Duration
    }

    func explainAnalyze(_ select: SelectStatement, id: Int, context: Context) async throws -> StatementResult {
        let started = ContinuousClock.now
        let (scope, measurements) = try selectScope(select, context: context)
        let plan = try ExplainPlan(select, scope: scope)
        var scanners: [(label: (String, String), iterators: [ShardIterator])] = []
        for call in plan.iteratorCalls where plan.readsSomething {
            var iterators: [ShardIterator] = []
            for measurement in measurements {
                iterators += try shardIterators(call: call, measurement: measurement, select, scope: scope, plan: plan)
            }
            let label = call.map { ("expr", plan.typed($0)) } ?? ("auxiliary_fields", plan.typedAuxiliary)
            scanners.append((label, iterators))
        }
        let planning = ContinuousClock.now - started
        let trace = ReadTrace()
        let executionStart = ContinuousClock.now
        // Run as a plain read: EXPLAIN ANALYZE of SELECT … INTO shows the reading and writes nothing.
        var reading = select
        reading.target = nil
        _ = try await ReadTrace.$current.withValue(trace) { try await execute(.select(reading), id: id, context: context) }
        let execution = ContinuousClock.now - executionStart
        let cursor = ExplainTree(
            "build_cursor",
            [.labels([("statement", plan.statementText(select, scope: scope))])]
                + scanners.map { scanner in
                    ExplainTree("iterator_scanner", [.labels([scanner.label])] + scanner.iterators.map { Self.node($0, trace: trace) })
                })
        let root = ExplainTree(
            "select",
            [
                ExplainTree("execution_time: \(Self.text(execution))"), ExplainTree("planning_time: \(Self.text(planning))"),
                ExplainTree("total_time: \(Self.text(ContinuousClock.now - started))"), cursor,
            ])
        let rows = root.lines.map { [ResultValue.string($0)] }
        return StatementResult(statementID: id, series: [ResultSeries(name: nil, columns: ["EXPLAIN ANALYZE"], values: rows)])
    }

    /// InfluxDB's `create_iterator` for one measurement in each shard the range reaches where it has the call's
    /// field (or, for a raw query, any of its fields): a cursor per matching series and field.
    private func shardIterators(
        call: Expression?, measurement: String, _ select: SelectStatement, scope: SelectScope, plan: ExplainPlan
    ) throws -> [ShardIterator] {
        let series = try measurementRead(measurement, select, scope: scope).groups.reduce(0) { $0 + $1.series.count }
        let reference = call.flatMap(ExplainPlan.firstReference)
        let fields = (reference.map { [$0] } ?? []) + plan.auxiliary + plan.conditionFields
        var iterators: [ShardIterator] = []
        for (shard, present) in try engine.shardFields(
            database: scope.database, retentionPolicy: scope.policy, measurement: measurement, fields: fields,
            in: scope.condition.timeRange)
        {
            let begin = ContinuousClock.now
            if let reference, !present.contains(reference) { continue }
            if reference == nil, !plan.auxiliary.contains(where: present.contains) { continue }
            var labels: [(String, String)] = []
            if let condition = plan.conditionText { labels.append(("cond", condition)) }
            labels += [("measurement", measurement), ("shard_id", String(shard))]
            let cursors = (
                reference: reference == nil ? 0 : series, auxiliary: plan.auxiliary.count { present.contains($0) } * series,
                condition: plan.conditionFields.count { present.contains($0) } * series
            )
            iterators.append(
                ShardIterator(
                    labels: labels, cursors: cursors, shard: shard, measurement: measurement, fields: fields,
                    planning: ContinuousClock.now - begin))
        }
        return iterators
    }

    private static func node(_ iterator: ShardIterator, trace: ReadTrace) -> ExplainTree {
        var measurement: [UInt8] = []
        LineProtocolEscaping.escapeMeasurement(iterator.measurement, into: &measurement)
        var decoded: [FieldType: ReadTrace.Blocks] = [:]
        for field in Set(iterator.fields) {
            var escaped: [UInt8] = []
            LineProtocolEscaping.escapeKey(field, into: &escaped)
            for (type, blocks) in trace.blocks(shard: iterator.shard, measurement: measurement, field: escaped) {
                decoded[type, default: ReadTrace.Blocks()].count += blocks.count
                decoded[type, default: ReadTrace.Blocks()].bytes += blocks.bytes
            }
        }
        var children: [ExplainTree] = [
            .labels(iterator.labels), ExplainTree("cursors_ref: \(iterator.cursors.reference)"),
            ExplainTree("cursors_aux: \(iterator.cursors.auxiliary)"), ExplainTree("cursors_cond: \(iterator.cursors.condition)"),
        ]
        for type in [FieldType.float, .integer, .unsigned, .string, .boolean] {
            let blocks = decoded[type] ?? ReadTrace.Blocks()
            children += [
                ExplainTree("\(type.description)_blocks_decoded: \(blocks.count)"),
                ExplainTree("\(type.description)_blocks_size_bytes: \(blocks.bytes)"),
            ]
        }
        children.append(ExplainTree("planning_time: \(text(iterator.planning))"))
        return ExplainTree("create_iterator", children)
    }

    /// A duration as Go prints one (`99.599µs`, `18.381616ms`).
    private static func text(_ duration: Duration) -> String {
        GoDuration.format(nanoseconds: duration.nanoseconds)
    }
}
