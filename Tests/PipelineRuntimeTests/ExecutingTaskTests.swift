import Alerting
import Logging
import PipelineRuntime
import PipelineSpec
import Synchronization
import Testing
import TimeSeries

/// A store that records what `influxDBOut` writes, or fails every write.
final class RecordingWriter: PointWriter {
    let writes = Mutex<[(points: [Point], database: String, retentionPolicy: String)]>([])
    let created = Mutex<[String]>([])
    let fails: Bool

    init(fails: Bool = false) { self.fails = fails }

    struct Refused: Error {}

    func write(_ points: [Point], database: String, retentionPolicy: String) async throws {
        if fails { throw Refused() }
        writes.withLock { $0.append((points, database, retentionPolicy)) }
    }

    func createDatabase(_ database: String, retentionPolicy: String?) async throws {
        created.withLock { $0.append(database + "." + (retentionPolicy ?? "")) }
    }
}

@Suite(.enabled(if: StreamReplay.isAvailable, Comment(rawValue: StreamReplay.absence)))
struct ExecutingTaskTests {
    static let countToOutput = """
        stream
            |from().measurement('cpu').where(lambda: "host" == 'serverA')
            |window().period(10s).every(10s)
            |count('value')
            |influxDBOut().create().database('db').retentionPolicy('rp').measurement('m').precision('s').tag('key', 'value')
        """

    @Test func influxDBOutWritesTheCountWithItsTagAndPrecision() async throws {
        let writer = RecordingWriter()
        let task = try await StreamReplay.run("TestStream_SimpleMR", script: Self.countToOutput, writer: writer)
        let writes = writer.writes.withLock { $0 }
        #expect(writes.count == 1)
        #expect(writes.first?.database == "db" && writes.first?.retentionPolicy == "rp")
        #expect(
            writes.first?.points == [
                Point(
                    measurement: "m", tags: [Tag("key", "value")], fields: [Field("count", .integer(10))],
                    timestamp: StreamReplay.second(10))
            ])
        #expect(writer.created.withLock { $0 } == ["db.rp"])
        let stats = try #require(task.statistics.nodes.last)
        #expect(stats.extra.map(\.0) == ["points_written", "write_errors"])
        #expect(stats.extra.map(\.1) == [1, 0])
    }

    @Test func failedWritesAreCountedAsWriteErrors() async throws {
        let task = try await StreamReplay.run("TestStream_SimpleMR", script: Self.countToOutput, writer: RecordingWriter(fails: true))
        #expect(task.statistics.nodes.last?.extra.first { $0.0 == "write_errors" }?.1 == 1)
    }

    @Test func aNodeTheEngineDoesNotRunFailsTheStartNamingIt() throws {
        let pipeline = try Pipeline.build(script: "dbrp \"db\".\"rp\"\nstream\n    |from()\n    |barrier().idle(1m)\n")
        #expect {
            _ = try ExecutingTask(
                id: "t", pipeline: pipeline, dbrps: pipeline.dbrps, topics: TopicRegistry(), writer: nil, logger: Logger(label: "test"))
        } throws: { error in
            "\(error)".contains("barrier2")
        }
    }

    @Test func lambdaErrorsDropThePointAndCountAsErrors() async throws {
        let task = try await StreamReplay.run(
            "TestStream_SimpleMR",
            script: """
                stream
                    |from().measurement('cpu')
                    |where(lambda: "value" > 10)
                    |httpOut('kept')
                """)
        let whereStats = try #require(task.statistics.nodes.first { $0.name == "where2" })
        #expect(whereStats.errors == 0)
        let failing = try await StreamReplay.run(
            "TestStream_SimpleMR",
            script: """
                stream
                    |from().measurement('cpu')
                    |where(lambda: "value" > 10)
                    |where(lambda: "missing" > 1)
                    |httpOut('kept')
                """)
        let missing = try #require(failing.statistics.nodes.first { $0.name == "where3" })
        #expect(missing.errors == missing.collected && missing.collected > 0)
        #expect(failing.output("kept")?.isEmpty == true)
    }
}
