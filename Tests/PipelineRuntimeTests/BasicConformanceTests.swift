import PipelineRuntime
import Testing
import TimeSeries

/// Kapacitor's simplest stream tests (integrations/streamer_test.go): where clauses and vars, default, delete,
/// groupBy on streams and batches, every measurement, groupByMeasurement, httpOut passing data on.
@Suite(.enabled(if: StreamReplay.isAvailable, Comment(rawValue: StreamReplay.absence)))
struct BasicConformanceTests {
    /// Each series' tags (as "k=v,…") and rows, after the script ran over the test's data.
    private func rows(_ test: String, _ script: String, seconds: Int64 = 15) async throws -> [String: [[Double?]]] {
        let task = try await StreamReplay.run(test, script: script + "\n    |httpOut('out')\n", seconds: seconds)
        let series = try #require(task.output("out"))
        return Dictionary(
            uniqueKeysWithValues: series.map { entry in
                let tags = (entry.tags ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
                return ((entry.name ?? "") + " " + tags, entry.values.map(StreamReplay.numbers))
            })
    }

    private static let countServerA = "\n    |window().period(10s).every(10s)\n    |count('value')"

    @Test(arguments: [
        ".where(lambda: \"host\" == 'serverA').where(lambda: \"host\" != 'serverB')" + countServerA
            + "\n    |where(lambda: \"count\" > 0)\n    |where(lambda: \"count\" < 12)",
        ".where(lambda: \"host\" == serverStr)" + countServerA, ".where(lambda: \"host\" =~ serverPattern)" + countServerA,
        ".where(lambda: \"host\" == 'serverA')" + countServerA + "\n    |httpOut('unused')",
    ])
    func whereClausesAndVarsCountTen(chain: String) async throws {
        let script = "var serverStr = 'serverA'\nvar serverPattern = /^serverA$/\nstream\n    |from().measurement('cpu')" + chain
        #expect(try await rows("TestStream_SimpleMR", script) == ["cpu ": [[10, 10]]])
    }

    @Test func defaultFillsTheMissingFieldAndTag() async throws {
        let script = """
            stream
                |from().measurement('cpu')
                |default().field('value', 1.0).tag('host', 'serverA')
                |where(lambda: "host" == 'serverA')
                |window().period(10s).every(10s)
                |sum('value')
            """
        #expect(try await rows("TestStream_Default", script) == ["cpu ": [[10, 57]]])
    }

    @Test func deleteRemovesAFieldAndATag() async throws {
        let script = "stream\n    |from().measurement('cpu')\n    |delete().field('anothervalue').tag('type')\n    |groupBy(*)"
        #expect(
            try await rows("TestStream_Delete", script) == [
                "cpu host=serverA": [[0, 9]], "cpu host=serverB": [[0, 6]], "cpu host=serverC": [[0, 3]],
            ])
        let grouped = """
            stream
                |from().measurement('cpu').groupBy('host', 'type')
                |delete().field('anothervalue').tag('type')
                |window().period(2s).every(2s)
                |sum('value').as('value')
            """
        #expect(
            try await rows("TestStream_Delete_GroupBy", grouped)
                == ["cpu host=serverA": [[2, 18]], "cpu host=serverB": [[2, 12]], "cpu host=serverC": [[2, 6]]])
    }

    @Test func everyMeasurementAndGroupingBatches() async throws {
        #expect(try await rows("TestStream_AllMeasurements", "stream\n    |from()" + Self.countServerA) == ["cpu ": [[10, 23]]])
        let byHost = try await rows(
            "TestStream_BatchGroupBy",
            "stream\n    |from().measurement('cpu')\n    |window().period(5s).every(5s)\n    |groupBy('host')\n    |count('value')")
        #expect(byHost == ["cpu host=serverA": [[5, 5]], "cpu host=serverB": [[5, 5]], "cpu host=serverC": [[5, 1]]])
        let byAll = try await rows(
            "TestStream_BatchGroupBy",
            "stream\n    |from().measurement('cpu')\n    |window().period(5s).every(5s)\n    |groupBy(*)\n    |count('value')")
        #expect(
            byAll == [
                "cpu host=serverA,type=idle": [[5, 5]], "cpu host=serverB,type=idle": [[5, 5]], "cpu host=serverC,type=idle": [[5, 1]],
            ])
    }

    @Test func groupByMeasurementKeepsMeasurementsApart() async throws {
        let script = "stream\n    |from().groupBy('service').groupByMeasurement()\n    |window().period(10s).every(10s)\n    |sum('value')"
        #expect(
            try await rows("TestStream_GroupByMeasurement", script, seconds: 13) == [
                "errors service=cartA": [[10, 47]], "errors service=login": [[10, 45]], "errors service=front": [[11, 32]],
                "disk service=sda": [[10, 810]],
            ])
    }
}
