public import Foundation
import InfluxQL
public import Logging
public import QueryEngine
public import Storage
import Synchronization
import TimeSeries

/// Runs the store's continuous queries when they are due (`ContinuousQuerySchedule`), each as its SELECT … INTO over
/// the run's time range, logged and counted as InfluxDB's continuous querier does. When each query last ran is kept
/// in memory only, as in InfluxDB: after a restart every query runs at its first check.
public final class ContinuousQueryRunner: Sendable {
    /// What one due query did: its range (nil: no whole interval yet) and the points written, or its error.
    public struct Outcome: Sendable, Equatable {
        public var database: String
        public var name: String
        public var range: Range<Int64>?
        public var written: Int64?
        public var error: String?
    }

    /// InfluxDB's `cq` statistic: runs that succeeded and runs that failed.
    public struct Statistics: Sendable, Equatable {
        public var queryOK: Int64 = 0
        public var queryFail: Int64 = 0
    }

    private let engine: StorageEngine
    private let executor: QueryExecutor
    private let logger: Logger
    private let logsRuns: Bool
    /// Keyed by database and name.
    private let lastRuns = Mutex<[String: Int64]>([:])
    /// Filed with the store's statistics (`SHOW STATS`, `/debug/vars`) as `cq`.
    private let counters: StoreStatistics.Counters

    public init(engine: StorageEngine, executor: QueryExecutor, logger: Logger, logsRuns: Bool = true) {
        self.engine = engine
        self.executor = executor
        self.logger = logger
        self.logsRuns = logsRuns
        counters = engine.statistics.counters("cq", names: ["queryOk", "queryFail"])
    }

    public var statistics: Statistics {
        let values = engine.statistics.all().first { $0.key == "cq" }?.values ?? [:]
        return Statistics(queryOK: values["queryOk"] ?? 0, queryFail: values["queryFail"] ?? 0)
    }

    public var hasQueries: Bool { engine.continuousQueries().contains { !$0.queries.isEmpty } }

    /// Runs every query due at `now` (nanoseconds), one after another, and says what each did.
    @discardableResult
    public func runDue(at now: Int64) async -> [Outcome] {
        var outcomes: [Outcome] = []
        for (database, queries) in engine.continuousQueries() {
            for query in queries {
                guard let outcome = await runIfDue(query, database: database, now: now) else { continue }
                counters.increment(outcome.error == nil ? "queryOk" : "queryFail")
                if let error = outcome.error {
                    logger.info("Error executing query", metadata: ["query": "\(query.query)", "error": "\(error)"])
                }
                outcomes.append(outcome)
            }
        }
        return outcomes
    }

    private func runIfDue(_ info: ContinuousQueryInfo, database: String, now: Int64) async -> Outcome? {
        var outcome = Outcome(database: database, name: info.name)
        guard case .continuousQuery(.create(let query))? = try? Parser.parse(info.query).first else {
            outcome.error = "query isn't a valid continuous query"
            return outcome
        }
        guard let time = query.source.timeDimension, time.interval > 0 else { return nil }
        let key = database + "\u{1F}" + info.name
        let schedule = ContinuousQuerySchedule(
            interval: time.interval, offset: time.offset, resampleEvery: query.resampleEvery, resampleFor: query.resampleFor,
            zone: query.source.timezone.flatMap(TimeZone.init(identifier:)))
        if query.source.isRawQuery {
            outcome.error = "continuous queries must be aggregate queries"
            return outcome
        }
        guard let run = schedule.run(at: now, lastRun: lastRuns.withLock({ $0[key] })) else { return nil }
        lastRuns.withLock { $0[key] = run.lastRun }
        guard let range = run.range else { return nil }
        outcome.range = range
        return await execute(query, database: database, range: range, outcome: outcome)
    }

    private func execute(_ query: CreateContinuousQueryStatement, database: String, range: Range<Int64>, outcome: Outcome) async -> Outcome
    {
        var outcome = outcome
        let started = ContinuousClock.now
        let times: Logger.Metadata = [
            "name": "\(query.name)", "db_instance": "\(database)",
            "start": "\(RFC3339.format(nanoseconds: range.lowerBound))", "end": "\(RFC3339.format(nanoseconds: range.upperBound))",
        ]
        if logsRuns { logger.info("Executing continuous query", metadata: times) }
        let statement = Statement.select(query.source.limited(toTimesFrom: range.lowerBound, before: range.upperBound))
        let result = await executor.execute([statement], context: .init(database: database)).first
        if let error = result?.error {
            outcome.error = error
            return outcome
        }
        if case .integer(let written)? = result?.series.first?.values.first?.last { outcome.written = written }
        if logsRuns {
            var finished = times
            finished["written"] = "\(outcome.written ?? -1)"
            finished["duration"] = "\(GoDuration.format(nanoseconds: (ContinuousClock.now - started).nanoseconds))"
            logger.info("Finished continuous query", metadata: finished)
        }
        return outcome
    }
}
