import Alerting
import Logging
import PipelineSpec
import Testing
import TimeSeries

@testable import PipelineRuntime

/// Kapacitor's TestStream_KapacitorLoopback and TestStream_KapacitorLoopback_PreventLoop (integrations/
/// streamer_test.go): one task writes the cpu points back into the stream as `new-dbname`.`new-rpname`, a second
/// task reading that counts them in 10 s windows; a task may not loop back into what it reads.
@Suite(.enabled(if: StreamReplay.isAvailable, Comment(rawValue: StreamReplay.absence)))
struct LoopbackConformanceTests {
    private func task(_ id: String, _ script: String, router: StreamRouter) throws -> ExecutingTask {
        let pipeline = try Pipeline.build(script: script)
        return try ExecutingTask(
            id: id, pipeline: pipeline, dbrps: pipeline.dbrps, topics: TopicRegistry(), writer: nil,
            loopback: { points, database, policy in router.route(points, database: database, retentionPolicy: policy) },
            logger: Logger(label: "test"))
    }

    @Test func pointsWrittenBackReachTheTasksReadingTheirNewDatabase() async throws {
        let router = StreamRouter()
        let loop = try task(
            "loop",
            """
            dbrp "dbname"."rpname"
            stream
                |from().measurement('cpu')
                |kapacitorLoopback().database('new-dbname').retentionPolicy('new-rpname').tag('looped', 'yes')
            """, router: router)
        let count = try task(
            "count",
            """
            dbrp "new-dbname"."new-rpname"
            stream
                |from().measurement('cpu').where(lambda: "looped" == 'yes')
                |window().every(10s).period(10s)
                |count('value')
                |httpOut('out')
            """, router: router)
        router.add(loop)
        router.add(count)
        for entry in try StreamReplay.points("TestStream_KapacitorLoopback") where entry.point.timestamp <= StreamReplay.second(20) {
            router.route(
                [StreamPoint(entry.point, database: entry.database, retentionPolicy: entry.retentionPolicy)], database: entry.database,
                retentionPolicy: entry.retentionPolicy)
        }
        await loop.stop()
        await count.stop()
        #expect(loop.statistics.nodes.last?.extra.first { $0.0 == "points_written" }?.1 == 7)
        let series = try #require(count.output("out")?.first)
        #expect(series.name == "cpu")
        #expect(series.values.map(StreamReplay.numbers) == [[10, 4]])
    }

    @Test func aTaskMayNotLoopIntoWhatItReads() throws {
        let script = """
            dbrp "dbname"."rpname"
            stream
                |from().measurement('cpu').where(lambda: "host" == 'serverA')
                |kapacitorLoopback().database('dbname').retentionPolicy('rpname')
            """
        #expect {
            _ = try task("looping", script, router: StreamRouter())
        } throws: { error in
            "\(error)".contains("loop detected on dbrp")
        }
        for missing in ["|kapacitorLoopback().retentionPolicy('rp')", "|kapacitorLoopback().database('db')"] {
            #expect(throws: (any Error).self) { try Pipeline.build(script: "dbrp \"a\".\"b\"\nstream\n    |from()\n    \(missing)\n") }
        }
    }
}
