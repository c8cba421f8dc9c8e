import InfluxQL
import Logging
import QueryEngine
import Storage
import SundialTesting
import Testing
import TimeSeries

@testable import ContinuousQueries

/// Continuous queries run through the store on a test clock: no test waits for an interval to pass.
@Suite struct ContinuousQueryRunnerTests {
    static let minute: Int64 = 60_000_000_000
    static let hour = 60 * minute
    static let day0: Int64 = 1_577_836_800_000_000_000
    static func at(_ hours: Int64, _ minutes: Int64 = 0) -> Int64 { day0 + hours * hour + minutes * minute }

    private func query(_ text: String, _ executor: QueryExecutor) async throws -> String {
        QueryResponseEncoder.json(await executor.execute(try Parser.parse(text), context: .init(database: "db")))
    }

    private func write(_ lines: String, _ engine: StorageEngine) async throws {
        _ = try await engine.write(Array(lines.utf8), database: "db", retentionPolicy: nil, precision: .nanoseconds)
    }

    @Test func aLatePointInsideTheForWindowIsAggregatedAgain() async throws {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(configuration: .init(directory: directory.path))
        defer { engine.close() }
        try engine.createDatabase("db")
        let executor = QueryExecutor(engine: engine)
        let runner = ContinuousQueryRunner(engine: engine, executor: executor, logger: Logger(label: "test"))
        _ = try await query(
            "CREATE CONTINUOUS QUERY sums ON db RESAMPLE FOR 2h BEGIN SELECT sum(v) INTO summed FROM cpu GROUP BY time(1h), host END",
            executor)
        try await write("cpu,host=a v=1 \(Self.at(10, 10))\ncpu,host=a v=2 \(Self.at(10, 20))", engine)
        // The first check already covers FOR back from the last whole interval: [9:00, 10:00), nothing to write.
        #expect(
            await runner.runDue(at: Self.at(10, 30)) == [.init(database: "db", name: "sums", range: Self.at(9)..<Self.at(10), written: 0)])
        let first = await runner.runDue(at: Self.at(11) + 1)
        #expect(first == [.init(database: "db", name: "sums", range: Self.at(9)..<Self.at(11), written: 1)])
        // A point for 10:50 arrives late; the next run still covers 10:00 and counts it.
        try await write("cpu,host=a v=3 \(Self.at(10, 50))", engine)
        #expect(await runner.runDue(at: Self.at(11, 30)).isEmpty)
        let second = await runner.runDue(at: Self.at(12))
        #expect(second.first?.range == Self.at(10)..<Self.at(12))
        #expect(second.first?.written == 1)
        let summed = try await query("SELECT sum FROM summed GROUP BY host", executor)
        #expect(summed.contains(#""tags":{"host":"a"},"columns":["time","sum"],"values":[["2020-01-01T10:00:00Z",6]]"#), "\(summed)")
        #expect(runner.statistics == .init(queryOK: 3, queryFail: 0))
    }

    @Test func aFailingRunIsCountedAndARawQueryIsRefusedAtEachCheck() async throws {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(configuration: .init(directory: directory.path))
        defer { engine.close() }
        try engine.createDatabase("db")
        let executor = QueryExecutor(engine: engine)
        let runner = ContinuousQueryRunner(engine: engine, executor: executor, logger: Logger(label: "test"))
        _ = try await query("CREATE CONTINUOUS QUERY raw ON db BEGIN SELECT v INTO copied FROM cpu GROUP BY time(1h) END", executor)
        let outcomes = await runner.runDue(at: Self.at(10))
        #expect(outcomes.map(\.error) == ["continuous queries must be aggregate queries"])
        #expect(runner.statistics == .init(queryOK: 0, queryFail: 1))
        // Without GROUP BY time() a raw query never runs at all, as in InfluxDB.
        _ = try await query("DROP CONTINUOUS QUERY raw ON db", executor)
        _ = try await query("CREATE CONTINUOUS QUERY plain ON db BEGIN SELECT v INTO copied FROM cpu END", executor)
        #expect(await runner.runDue(at: Self.at(11)).isEmpty)
    }

    @Test func queriesAreKeptWithTheirDatabaseAcrossARestartAndGoWithIt() async throws {
        let directory = TemporaryDirectory()
        var engine = try StorageEngine(configuration: .init(directory: directory.path))
        try engine.createDatabase("db")
        _ = try await query(
            "CREATE CONTINUOUS QUERY cq ON db BEGIN SELECT mean(v) INTO m FROM cpu GROUP BY time(1h) END", QueryExecutor(engine: engine))
        engine.close()
        engine = try StorageEngine(configuration: .init(directory: directory.path))
        defer { engine.close() }
        let shown = try await query("SHOW CONTINUOUS QUERIES", QueryExecutor(engine: engine))
        #expect(
            shown.contains(
                "CREATE CONTINUOUS QUERY cq ON db BEGIN SELECT mean(v) INTO db.autogen.m FROM db.autogen.cpu GROUP BY time(1h) END"))
        try await engine.dropDatabase("db")
        try engine.createDatabase("db")
        #expect(
            try await query("SHOW CONTINUOUS QUERIES", QueryExecutor(engine: engine)).contains(#"{"name":"db","columns":["name","query"]}"#)
        )
    }
}
