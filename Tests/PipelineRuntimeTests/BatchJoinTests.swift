import Alerting
import Logging
import PipelineSpec
import Synchronization
import Testing
import TimeSeries

@testable import PipelineRuntime

/// An InfluxDB that answers each query with the result of the first measurement its text names.
final class MeasurementQuerier: InfluxQLQuerying {
    let answers: [String: [StatementResult]]

    init(_ answers: [String: [StatementResult]]) { self.answers = answers }

    func query(_ text: String) async throws -> [StatementResult] {
        answers.first { text.contains(".\($0.key) ") }?.value ?? []
    }
}

/// `join` of two batch queries, as Kapacitor's documentation computes error percentages: batches are matched by
/// their time, then their points by theirs.
struct BatchJoinTests {
    private static let minute: Int64 = 60_000_000_000

    /// The documentation's task, with `joinOptions` after the join's `.as()` and httpOut in place of influxDBOut.
    private static func script(joinOptions: String = "") -> String {
        """
        dbrp "my-db"."my-rp"
        var errors = batch
            |query('SELECT sum(value) FROM "my-db"."my-rp".errors').period(1h).every(1h).groupBy(time(1m), *)
        var views = batch
            |query('SELECT sum(value) FROM "my-db"."my-rp".views').period(1h).every(1h).groupBy(time(1m), *)
        errors
            |join(views).as('errors', 'views')\(joinOptions)
            |eval(lambda: ("errors.sum" / ("views.sum" + "errors.sum")) * 100.0).as('error_percent')
            |httpOut('out')
        """
    }

    private static func series(_ name: String, _ values: [(Int64, Double)]) -> [StatementResult] {
        let rows: [[ResultValue]] = values.map { [.time($0.0 * minute), .float($0.1)] }
        return [
            StatementResult(
                statementID: 0, series: [ResultSeries(name: name, tags: ["page": "home"], columns: ["time", "sum"], values: rows)])
        ]
    }

    private func run(_ script: String, errors: [(Int64, Double)], views: [(Int64, Double)]) async throws -> [[ResultValue]]? {
        let querier = MeasurementQuerier(["errors": Self.series("errors", errors), "views": Self.series("views", views)])
        let pipeline = try Pipeline.build(script: script)
        let task = try ExecutingTask(
            id: "error_percent", pipeline: pipeline, dbrps: pipeline.dbrps, topics: TopicRegistry(), writer: nil, querier: querier,
            logger: Logger(label: "test"))
        for node in pipeline.nodes where node.definition.desc == "query" { await task.runQuery(node.id, at: 60 * Self.minute) }
        await task.stop()
        #expect(task.statistics.nodes.allSatisfy { $0.errors == 0 })
        let output = task.output("out")?.first
        #expect(output?.tags == ["page": "home"])
        return output?.values
    }

    @Test func pointsOfTheSameTimeAreJoinedAndOthersDropped() async throws {
        let values = try await run(Self.script(), errors: [(1, 1), (2, 3), (4, 1)], views: [(1, 9), (3, 7), (4, 3)])
        #expect(values == [[.time(1 * Self.minute), .float(10)], [.time(4 * Self.minute), .float(25)]])
    }

    @Test func withAFillThePointsOneSideLacksAreFilled() async throws {
        let values = try await run(
            Self.script(joinOptions: ".fill(0.0)"), errors: [(1, 1), (2, 3), (4, 1)], views: [(1, 9), (3, 7), (4, 3)])
        #expect(
            values == [
                [.time(1 * Self.minute), .float(10)], [.time(2 * Self.minute), .float(100)], [.time(3 * Self.minute), .float(0)],
                [.time(4 * Self.minute), .float(25)],
            ])
    }
}
