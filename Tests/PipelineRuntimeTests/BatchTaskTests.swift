import Alerting
import Foundation
import Logging
import PipelineSpec
import Synchronization
import Testing
import TimeSeries

@testable import PipelineRuntime

/// An InfluxDB that records the statements it is sent and answers each with the same result.
final class CannedQuerier: InfluxQLQuerying {
    let statements = Mutex<[String]>([])
    let answer: [StatementResult]

    init(_ answer: [StatementResult]) { self.answer = answer }

    func query(_ text: String) async throws -> [StatementResult] {
        statements.withLock { $0.append(text) }
        return answer
    }
}

/// Batch tasks: the query the schedule sends (time range and grouping appended), results turned into batches
/// (numbers as floats, null rows dropped), and what the nodes after it do with them.
struct BatchTaskTests {
    private static let minute: Int64 = 60_000_000_000
    private static let script = """
        dbrp "telegraf"."autogen"
        batch
            |query('SELECT mean("usage_idle") AS value FROM "telegraf"."autogen"."cpu" WHERE "cpu" = \\'cpu-total\\'')
                .period(10m).every(5m).groupBy(time(1m), 'host')
            |alert().crit(lambda: "value" < 10.0).id('{{ index .Tags "host" }}')
            |httpOut('out')
        """

    private func start(_ querier: CannedQuerier, topics: TopicRegistry) throws -> ExecutingTask {
        let pipeline = try Pipeline.build(script: Self.script)
        return try ExecutingTask(
            id: "batch", pipeline: pipeline, dbrps: pipeline.dbrps, topics: topics, writer: nil, querier: querier,
            logger: Logger(label: "test"))
    }

    @Test func theScheduledQueryCarriesItsRangeAndGroupingAndItsBatchesAlert() async throws {
        let series = ResultSeries(
            name: "cpu", tags: ["host": "a"], columns: ["time", "value"],
            values: [[.time(21 * Self.minute), .integer(5)], [.time(22 * Self.minute), .null], [.time(23 * Self.minute), .float(8.5)]])
        let querier = CannedQuerier([StatementResult(statementID: 0, series: [series])])
        let topics = TopicRegistry()
        let task = try start(querier, topics: topics)
        #expect(task.dbrps.isEmpty, "a batch task reads its queries, not the stream of its dbrp")
        await task.runQuery(1, at: 30 * Self.minute)
        await task.stop()
        #expect(
            querier.statements.withLock { $0 } == [
                #"SELECT mean("usage_idle") AS value FROM "telegraf"."autogen"."cpu" WHERE "cpu" = 'cpu-total' AND time >= '1970-01-01T00:20:00Z' AND time < '1970-01-01T00:30:00Z' GROUP BY time(60000000000ns), "host""#
            ])
        let output = try #require(task.output("out")?.first)
        #expect(output.tags == ["host": "a"])
        #expect(output.values == [[.time(21 * Self.minute), .float(5)], [.time(23 * Self.minute), .float(8.5)]])
        let event = try #require(topics.events(topic: "main:batch:alert2")?.first)
        #expect(event.id == "a" && event.state.level == .critical)
        #expect(event.state.time == 21 * Self.minute, "the time of the point with the highest level")
    }

    @Test func aFailedQueryCountsAsTheQueryNodesError() async throws {
        let querier = CannedQuerier([StatementResult(statementID: 0, error: "database not found: telegraf")])
        let task = try start(querier, topics: TopicRegistry())
        await task.runQuery(1, at: 30 * Self.minute)
        await task.stop()
        #expect(task.statistics.nodes[1].errors == 1)
        #expect(task.output("out")?.isEmpty == true)
    }

    @Test func theFirstRunIsOneEveryLaterOrAtTheNextAlignedBoundary() throws {
        let pipeline = try Pipeline.build(script: Self.script)
        let query = try BatchQuery(pipeline.nodes[1])
        #expect(query.firstRun(after: 7 * Self.minute + 1) == 12 * Self.minute + 1)
        let aligned = try BatchQuery(
            try Pipeline.build(script: Self.script.replacingOccurrences(of: ".every(5m)", with: ".every(5m).align()")).nodes[1])
        #expect(aligned.firstRun(after: 7 * Self.minute + 1) == 10 * Self.minute)
    }

    @Test func aBatchTaskWithoutAnInfluxDBDoesNotStart() throws {
        let pipeline = try Pipeline.build(script: Self.script)
        #expect(throws: TaskStartError.self) {
            _ = try ExecutingTask(
                id: "b", pipeline: pipeline, dbrps: pipeline.dbrps, topics: TopicRegistry(), writer: nil, logger: Logger(label: "t"))
        }
    }
}

extension BatchTaskTests {
    @Test func anAnswerArrivingAfterTheTaskStoppedIsDropped() async throws {
        let series = ResultSeries(name: "cpu", tags: ["host": "a"], columns: ["time", "value"], values: [[.time(0), .float(5)]])
        let task = try start(CannedQuerier([StatementResult(statementID: 0, series: [series])]), topics: TopicRegistry())
        await task.stop()
        await task.runQuery(1, at: 30 * Self.minute)
        #expect(task.output("out")?.isEmpty == true)
        #expect(task.statistics.nodes[1].collected == 0)
    }
}
