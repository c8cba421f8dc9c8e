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

    /// InfluxDB's `cq` statistics: runs that succeeded and runs that failed.
    public struct Statistics: Sendable, Equatable {
        public var queryOK = 0
        public var queryFail = 0
    }

    private let engine: StorageEngine
    private let executor: QueryExecutor
    private let logger: Logger
    private let logsRuns: Bool
    /// Keyed by database and name.
    private let lastRuns = Mutex<[String: Int64]>([:])
    private let counters = Mutex(Statistics())

    public init(engine: StorageEngine, executor: QueryExecutor, logger: Logger, logsRuns: Bool = true) {
        self.engine = engine
        self.executor = executor
        self.logger = logger
        self.logsRuns = logsRuns
    }

    public var statistics: Statistics { counters.withLock { $0 } }

    public var hasQueries: Bool { engine.continuousQueries().contains { !$0.queries.isEmpty } }

    /// Runs every query due at `now` (nanoseconds), one after another, and says what each did.
    @discardableResult
    public func runDue(at now: Int64) async -> [Outcome] {
        var outcomes: [Outcome] = []
        for (database, queries) in engine.continuousQueries() {
            for query in queries {
                guard let outcome = await runIfDue(query, database: database, now: now) else { continue }
                counters.withLock { counters in
                    if outcome.error == nil { counters.queryOK += 1 } else { counters.queryFail += 1 }
                }
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
            let elapsed = ContinuousClock.now - started
            let nanoseconds = elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
            finished["duration"] = "\(GoDuration.format(nanoseconds: nanoseconds))"
            logger.info("Finished continuous query", metadata: finished)
        }
        return outcome
    }
}
