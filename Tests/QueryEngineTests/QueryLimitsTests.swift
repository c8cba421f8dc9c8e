import InfluxQL
import Storage
import SundialTesting
import Testing
import TimeSeries

@testable import QueryEngine

/// InfluxDB's query limits with its messages, and `query-timeout` and KILL QUERY checked inside statements.
@Suite struct QueryLimitsTests {
    private func run(_ query: String, limits: QueryLimits, registry: QueryRegistry = QueryRegistry()) async throws -> String {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(configuration: .init(directory: directory.path, clock: { 1_000_000_000_000 }))
        defer { engine.close() }
        try engine.createDatabase("db")
        let lines = (0..<10).map { "m,host=h\($0 % 3) v=\($0) \($0)000000000" }
        try await engine.write(Array(lines.joined(separator: "\n").utf8), database: "db")
        let executor = QueryExecutor(engine: engine, registry: registry, limits: limits)
        return QueryResponseEncoder.json(await executor.execute(try Parser.parse(query), context: .init(database: "db")), epoch: .seconds)
    }

    private func error(_ message: String) -> String { #"{"results":[{"statement_id":0,"error":"\#(message)"}]}"# }

    @Test func maxSelectPoint() async throws {
        #expect(try await run("SELECT * FROM m", limits: .init(maxSelectPoints: 5)) == error("max-select-point limit exceeded: (10/5)"))
        #expect(try await run("SELECT * FROM m", limits: .init(maxSelectPoints: 10)).contains(#""values""#))
    }

    @Test func maxSelectSeries() async throws {
        #expect(try await run("SELECT * FROM m", limits: .init(maxSelectSeries: 2)) == error("max-select-series limit exceeded: (3/2)"))
        #expect(try await run("SELECT * FROM m WHERE host = 'h1'", limits: .init(maxSelectSeries: 2)).contains(#""values""#))
    }

    @Test func maxSelectBuckets() async throws {
        let query = "SELECT count(v) FROM m WHERE time >= 0 AND time < 100s GROUP BY time(1s)"
        #expect(try await run(query, limits: .init(maxSelectBuckets: 10)) == error("max-select-buckets limit exceeded: (100/10)"))
        #expect(try await run(query, limits: .init(maxSelectBuckets: 100)).contains(#""values""#))
    }

    @Test func aBucketCountNoMemoryHoldsIsAnErrorEvenWithoutALimit() async throws {
        let query = "SELECT count(v) FROM m WHERE time >= 0 AND time < 100000s GROUP BY time(1ms)"
        #expect(try await run(query, limits: .init()).contains("too many GROUP BY time buckets to answer at once: (100000000/10000000)"))
    }

    @Test func queryTimeout() async throws {
        #expect(try await run("SELECT * FROM m", limits: .init(timeout: 1)) == error("query-timeout limit exceeded"))
    }

    @Test func maxConcurrentQueries() async throws {
        let registry = QueryRegistry()
        let running = try registry.register([.showDatabases], database: nil)
        let answer = try await run("SELECT * FROM m", limits: .init(maxConcurrentQueries: 1), registry: registry)
        #expect(answer == error("max-concurrent-queries limit exceeded(2, 1)"))
        registry.finish(running)
        #expect(try await run("SELECT * FROM m", limits: .init(maxConcurrentQueries: 1), registry: registry).contains(#""values""#))
    }

    @Test func aSelectThatOutrunsItsInlineTimeAnswersTheSameFromWorkerThreads() async throws {
        let query = "SELECT * FROM m WHERE v >= 0"
        let inline = try await run(query, limits: .init())
        var moved = QueryLimits()
        moved.inlineTime = .zero
        #expect(try await run(query, limits: moved) == inline)
        #expect(inline.contains(#""values""#))
    }

    /// A statement that finished inline just before its inline time ran out must not make the next one fail: the
    /// check before each statement once threw the first one's `RunsLong` (seen on a busy machine).
    @Test func aStatementFinishedInlineDoesNotFailTheNext() async throws {
        var tight = QueryLimits()
        tight.inlineTime = .nanoseconds(1)
        let answer = try await run("SELECT * FROM nothing; SELECT * FROM m WHERE v >= 0", limits: tight)
        #expect(!answer.contains("error") && answer.contains(#""values""#), "\(answer)")
    }
}
