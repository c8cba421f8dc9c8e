public import InfluxQL
import Storage
public import TimeSeries

/// `chunked=true`: statements answered as `QueryResponseEncoder.chunks` cuts them, each chunk handed on as soon as
/// it is made. A raw SELECT of one measurement is read a time window at a time, so a query over millions of points
/// holds one window of rows and one chunk in memory, never the whole result.
extension QueryExecutor {
    public func executeChunked(
        _ statements: [Statement], context: Context, size: Int, emit: (StatementResult) async throws -> Void
    ) async throws {
        var context = context
        let id: UInt64
        do {
            id = try registry.register(statements, database: context.database, maxConcurrent: limits.maxConcurrentQueries)
        } catch {
            return try await emit(StatementResult(statementID: 0, error: Self.message(for: error)))
        }
        context.queryID = id
        defer { registry.finish(id) }
        let budget = QueryBudget(registry: registry, id: id, limits: limits)
        try await withTaskExecutorPreference(QueryWorkExecutor.shared) {
            try await QueryBudget.$current.withValue(budget) {
                try await executeChunked(statements, context: context, size: size, budget: budget, emit: emit)
            }
        }
    }

    private func executeChunked(
        _ statements: [Statement], context: Context, size: Int, budget: QueryBudget, emit: (StatementResult) async throws -> Void
    ) async throws {
        var failed = false
        for (index, statement) in statements.enumerated() {
            guard !failed else {
                try await emit(StatementResult(statementID: index, error: "not executed"))
                continue
            }
            var chunks: [StatementResult]
            do {
                try budget.check()
                try refuseTokenStatement(statement, context: context)
                budget.startStatement()
                if case .select(let select) = statement, let stream = try RawSelectStream(select, executor: self, context: context) {
                    chunks = try await stream.run(statementID: index, size: size, emit: emit)
                } else {
                    var result = try await execute(statement, id: index, context: context)
                    result.messages += readOnlyWarnings(statement, context: context)
                    chunks = QueryResponseEncoder.chunks([result], size: size)
                }
            } catch {
                chunks = [StatementResult(statementID: index, error: Self.message(for: error))]
                failed = true
            }
            for chunk in chunks { try await emit(chunk) }
        }
    }
}

/// A raw SELECT (no aggregate, selector, transformation, GROUP BY, ORDER BY DESC, LIMIT or INTO) of one measurement,
/// read in consecutive time windows sized to hold about a chunk or a few of rows each.
struct RawSelectStream {
    let executor: QueryExecutor
    let statement: SelectStatement
    let context: QueryExecutor.Context
    let scope: QueryExecutor.SelectScope
    let measurement: String
    let read: QueryExecutor.MeasurementRead

    /// Nil when the statement needs more than a raw read, and is answered the usual way.
    init?(_ statement: SelectStatement, executor: QueryExecutor, context: QueryExecutor.Context) throws {
        guard statement.sources.count == 1, let source = statement.sources.first, source.subquery == nil, source.regex == nil,
            statement.target == nil, statement.dimensions.isEmpty, !statement.isDescending, statement.limit == nil,
            statement.offset == nil, statement.seriesLimit == nil, statement.seriesOffset == nil
        else { return nil }
        let (scope, measurements) = try executor.selectScope(statement, context: context)
        guard measurements.count == 1 else { return nil }
        let read = try executor.measurementRead(measurements[0], statement, scope: scope)
        let plan = read.plan
        guard !plan.isAggregate, !plan.selectsPoints, !plan.hasTransformation, read.groups.count <= 1 else { return nil }
        (self.executor, self.statement, self.context, self.scope, self.measurement, self.read) =
            (executor, statement, context, scope, measurements[0], read)
    }

    /// Emits every chunk but the last and returns the last (or, with no rows, the empty result), so the caller
    /// hands it on like any other statement's.
    func run(statementID: Int, size: Int, emit: (StatementResult) async throws -> Void) async throws -> [StatementResult] {
        let chunkSize = max(size, 1)
        var pending: [[ResultValue]] = []
        var emittedAny = false
        var windows = WindowSequence(range: timeRange(), rowsWanted: max(chunkSize, 10_000))
        while let window = windows.next() {
            try executor.registry.check(context.queryID)
            let rows = try rows(in: window)
            windows.adapt(toRowCount: rows.count)
            pending += rows
            // A full chunk with more rows behind it is surely not the last.
            while pending.count > chunkSize {
                try await emit(chunk(Array(pending.prefix(chunkSize)), statementID: statementID, isLast: false))
                pending.removeFirst(chunkSize)
                emittedAny = true
            }
        }
        guard !pending.isEmpty || emittedAny else {
            var empty = StatementResult(statementID: statementID)
            empty.timeZone = statement.timezone
            return [empty]
        }
        return [chunk(pending, statementID: statementID, isLast: true)]
    }

    private func chunk(_ values: [[ResultValue]], statementID: Int, isLast: Bool) -> StatementResult {
        let series = ResultSeries(name: measurement, columns: ["time"] + read.plan.names, values: values, partial: !isLast)
        var result = StatementResult(statementID: statementID, series: [series])
        result.partial = !isLast
        result.timeZone = statement.timezone
        return result
    }

    private func rows(in window: ClosedRange<Int64>) throws -> [[ResultValue]] {
        guard let group = read.groups.first else { return [] }
        var condition = scope.condition
        condition.timeRange = window
        let rows = try executor.readRows(
            group, plan: read.plan, database: scope.database, policy: scope.policy, condition: condition,
            filterFields: read.predicateNeedsFields)
        return read.plan.project(executor.raw(rows, group, read.plan))
    }

    /// The query's time range where the policy holds data; nil when they do not meet.
    private func timeRange() -> ClosedRange<Int64>? {
        guard let data = scope.dataRange.value else { return nil }
        let lower = max(scope.condition.timeRange.lowerBound, data.lowerBound)
        let upper = min(scope.condition.timeRange.upperBound, data.upperBound)
        return lower <= upper ? lower...upper : nil
    }
}
