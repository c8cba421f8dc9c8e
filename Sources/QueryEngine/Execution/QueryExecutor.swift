public import InfluxQL
public import Storage
public import StoreAccess
public import TimeSeries

/// Runs parsed InfluxQL statements against the embedded store.
///
/// Execution stops at the first statement that fails: it gets its real error, and each later statement gets
/// `not executed` (InfluxDB 1.x loses the real message when the failing statement is not the last one).
public struct QueryExecutor: Sendable {
    public let engine: StorageEngine
    /// Users and privileges; nil only in tests that need none (user statements then fail).
    public let access: AccessStore?
    /// Shared by every copy of this executor: the queries running now.
    public let registry: QueryRegistry
    public let limits: QueryLimits

    public init(engine: StorageEngine, access: AccessStore? = nil, registry: QueryRegistry = QueryRegistry(), limits: QueryLimits = .init())
    {
        self.engine = engine
        self.access = access
        self.registry = registry
        self.limits = limits
    }

    /// Options of one request that statements depend on.
    public struct Context: Sendable {
        /// `db=` of the request: the database of statements that name none.
        public var database: String?
        public var retentionPolicy: String?
        /// True for GET requests: mutating statements still run, with InfluxDB's deprecation warning.
        public var isReadOnly: Bool
        /// Who runs the statements when auth is on; SHOW DATABASES lists only what they may read or write.
        public var principal: Principal?
        /// Set while the query runs, so KILL QUERY can stop it between steps.
        var queryID: UInt64?

        public init(database: String? = nil, retentionPolicy: String? = nil, isReadOnly: Bool = false, principal: Principal? = nil) {
            self.database = database
            self.retentionPolicy = retentionPolicy
            self.isReadOnly = isReadOnly
            self.principal = principal
        }
    }

    public func execute(_ statements: [Statement], context: Context) async -> [StatementResult] {
        var context = context
        let id: UInt64
        do {
            id = try registry.register(statements, database: context.database, maxConcurrent: limits.maxConcurrentQueries)
        } catch {
            return [StatementResult(statementID: 0, error: Self.message(for: error))]
        }
        context.queryID = id
        defer { registry.finish(id) }
        let counters = engine.statistics.counters("queryExecutor", names: Self.counterNames)
        counters.increment("queriesActive")
        counters.increment("queriesExecuted")
        let started = ContinuousClock.now
        defer {
            counters.add(-1, to: "queriesActive")
            counters.increment("queriesFinished")
            counters.add((ContinuousClock.now - started).nanoseconds, to: "queryDurationNs")
        }
        let budget = QueryBudget(registry: registry, id: id, limits: limits)
        return await QueryBudget.$current.withValue(budget) { await execute(statements, context: context, budget: budget) }
    }

    /// InfluxDB's `queryExecutor` statistic.
    static let counterNames = ["queriesActive", "queriesExecuted", "queriesFinished", "queryDurationNs", "recoveredPanics"]

    private func execute(_ statements: [Statement], context: Context, budget: QueryBudget) async -> [StatementResult] {
        var results: [StatementResult] = []
        var failed = false
        for (index, statement) in statements.enumerated() {
            guard !failed else {
                results.append(StatementResult(statementID: index, error: "not executed"))
                continue
            }
            var result: StatementResult
            do {
                try budget.check()
                try refuseTokenStatement(statement, context: context)
                result = try await executeOffTheEventLoopWhenLong(statement, id: index, context: context, budget: budget)
            } catch {
                result = StatementResult(statementID: index, error: Self.message(for: error))
                failed = true
            }
            result.messages += readOnlyWarnings(statement, context: context)
            results.append(result)
        }
        return results
    }

    /// A token's statement on a database it may not use fails as InfluxDB 2.x fails it (`AccessStore.tokenRefusal`).
    func refuseTokenStatement(_ statement: Statement, context: Context) throws {
        guard let principal = context.principal,
            let refusal = access?.tokenRefusal(of: statement, by: principal, defaultDatabase: context.database)
        else { return }
        throw QueryError(refusal)
    }

    /// Runs a statement so that it cannot hold an event loop for long. A plain SELECT (it only reads) starts where it
    /// is called, which for the small ones every dashboard sends saves two thread hand-offs (~40 µs); if it is still
    /// running after `limits.inlineTime`, it stops at its next budget check and runs again from the start on
    /// `QueryWorkExecutor`'s threads. Every other statement runs there from the start.
    func executeOffTheEventLoopWhenLong(
        _ statement: Statement, id: Int, context: Context, budget: QueryBudget
    ) async throws -> StatementResult {
        if case .select(let select) = statement, select.target == nil {
            budget.startStatement(inlineFor: limits.inlineTime)
            do {
                let result = try await execute(statement, id: id, context: context)
                budget.finishInline()
                return result
            } catch is QueryBudget.RunsLong {}
        }
        budget.startStatement(inlineFor: nil)
        return try await withTaskExecutorPreference(QueryWorkExecutor.shared) {
            try await execute(statement, id: id, context: context)
        }
    }

    /// InfluxDB's warning for a statement that changes something sent with GET.
    func readOnlyWarnings(_ statement: Statement, context: Context) -> [ResultMessage] {
        guard context.isReadOnly && statement.isMutating else { return [] }
        let printed = StatementPrinter.print(normalized(statement, context))
        return [
            ResultMessage(
                level: "warning", text: "deprecated use of '\(printed)' in a read only context, please use a POST request instead")
        ]
    }

    func execute(_ statement: Statement, id: Int, context: Context) async throws -> StatementResult {
        switch statement {
        case .createDatabase(let create): try createDatabase(create)
        case .dropDatabase(let name): try await engine.dropDatabase(name)
        case .showDatabases: return StatementResult(statementID: id, series: [showDatabases(for: context.principal)])
        case .createRetentionPolicy(let create): try createRetentionPolicy(create)
        case .alterRetentionPolicy(let alter):
            try engine.alterRetentionPolicy(
                alter.name, database: alter.database, duration: alter.settings.duration,
                shardGroupDuration: alter.settings.shardGroupDuration, replicaN: alter.settings.replication,
                makeDefault: alter.settings.makeDefault
            )
        case .dropRetentionPolicy(let name, let database): try engine.dropRetentionPolicy(name, database: database)
        case .showRetentionPolicies(let database):
            return StatementResult(
                statementID: id, series: [try showRetentionPolicies(database ?? context.database, for: context.principal)])
        case .showMeasurements(let show):
            return StatementResult(statementID: id, series: try showMeasurements(show, database: show.database ?? context.database))
        case .dropMeasurement(let name): try await dropMeasurement(name, database: context.database)
        case .deleteSeries(let delete): try await deleteSeries(delete, database: context.database)
        case .showSeries(let show):
            return StatementResult(
                statementID: id,
                series: try showSeries(show, database: show.database ?? context.database, retentionPolicy: context.retentionPolicy))
        case .select(let select) where select.target != nil:
            return StatementResult(statementID: id, series: try await selectInto(select, target: select.target!, context: context))
        case .select(let select):
            var result = StatementResult(statementID: id, series: try await selectAnySource(select, context: context))
            result.timeZone = select.timezone
            return result
        case .user(let user): return StatementResult(statementID: id, series: try execute(user))
        case .subscription(let subscription): return StatementResult(statementID: id, series: try execute(subscription))
        case .continuousQuery(let query): return StatementResult(statementID: id, series: try execute(query, context: context))
        case .showShards: return StatementResult(statementID: id, series: showShards())
        case .showShardGroups: return StatementResult(statementID: id, series: showShardGroups())
        case .showQueries: return StatementResult(statementID: id, series: [registry.show()])
        case .showStats(let module): return StatementResult(statementID: id, series: showStats(module))
        case .showDiagnostics(let module): return StatementResult(statementID: id, series: showDiagnostics(module))
        case .killQuery(let query): try registry.kill(query)
        case .dropShard(let shard): try await engine.dropShard(shard)
        case .explain(let select, let analyze): return try await explain(select, analyze: analyze, id: id, context: context)
        }
        return StatementResult(statementID: id)
    }

    /// The statement as InfluxDB prints it after filling in defaults: a SELECT's sources and target get their
    /// database and retention policy.
    private func normalized(_ statement: Statement, _ context: Context) -> Statement {
        guard case .select(var select) = statement else { return statement }
        func complete(_ source: MeasurementSource) -> MeasurementSource {
            var source = source
            source.database = source.database ?? context.database
            if let database = source.database {
                source.retentionPolicy =
                    source.retentionPolicy ?? context.retentionPolicy ?? engine.databaseInfo(database)?.defaultRetentionPolicy
            }
            return source
        }
        select.sources = select.sources.map(complete)
        select.target = select.target.map(complete)
        return .select(select)
    }

    static func message(for error: any Error) -> String {
        if let error = error as? StorageError { return error.message }
        if let error = error as? QueryError { return error.message }
        if let error = error as? AccessError { return error.message }
        return "\(error)"
    }
}

/// A statement that cannot run as asked (`database name required`).
public struct QueryError: Error, Sendable, Equatable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }
}
