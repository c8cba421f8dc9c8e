import PipelineRuntime
import Testing
import TimeSeries

/// Kapacitor's window and running-transformation tests (integrations/streamer_test.go), their scripts and expected
/// httpOut rows, replayed over their data files up to the test's clock.
@Suite(.enabled(if: StreamReplay.isAvailable, Comment(rawValue: StreamReplay.absence)))
struct WindowConformanceTests {
    private static let from = "stream\n    |from().database('dbname').retentionPolicy('rpname').measurement('cpu')"

    private func rows(_ test: String, _ chain: String, seconds: Int64, endpoint: String? = nil) async throws -> [ResultSeries] {
        let task = try await StreamReplay.run(test, script: chain + "\n    |httpOut('out')\n", seconds: seconds)
        return try #require(task.output("out"))
    }

    @Test func windowGivesTheTenPointsOfItsPeriod() async throws {
        let series = try await rows(
            "TestStream_Window", Self.from + ".where(lambda: \"host\" == 'serverA')\n    |window().period(10s).every(10s)", seconds: 13)
        #expect(series.first?.columns == ["time", "host", "type", "value"])
        let values = [97.1, 92.6, 95.6, 93.1, 92.6, 95.8, 92.7, 96.0, 93.4, 95.3]
        #expect(
            series.first?.values
                == values.enumerated().map {
                    [.time(StreamReplay.second(Int64($0.offset))), .string("serverA"), .string("idle"), .float($0.element)]
                })
    }

    @Test func missingPointsStillCloseWindowsAlignedOrNot() async throws {
        let chain = Self.from + ".where(lambda: \"host\" == 'serverA')\n    |window().period(3s).every(2s)"
        let unaligned = try await rows("TestStream_WindowMissing", chain + "\n    |count('value')", seconds: 13)
        #expect(unaligned.first.map { $0.values.map(StreamReplay.numbers) } == [[11, 3]])
        let aligned = try await rows("TestStream_WindowMissing", chain + ".align()\n    |count('value')", seconds: 13)
        #expect(aligned.first.map { $0.values.map(StreamReplay.numbers) } == [[10, 3]])
    }

    @Test func countWindowsGiveTheirPoints() async throws {
        let series = try await rows(
            "TestStream_Window_Count", Self.from + ".where(lambda: \"host\" == 'serverA')\n    |window().periodCount(10).everyCount(10)",
            seconds: 2)
        #expect(series.first?.values.map { StreamReplay.numbers($0).last! } == (1...10).map(Double.init))
    }

    @Test func everyZeroEmitsOnEveryPointPerGroup() async throws {
        let chain =
            "stream\n    |from().database('dbname').retentionPolicy('rpname').measurement('cpu').groupBy('host')"
            + "\n    |window().period(10s).every(0s)\n    |count('value')\n    |window().period(10s).every(10s)"
        let series = try await rows("TestStream_Window", chain, seconds: 13)
        let byHost = Dictionary(uniqueKeysWithValues: series.map { ($0.tags?["host"] ?? "", $0.values.map(StreamReplay.numbers)) })
        let counting = (0..<10).map { [Double($0), Double($0 + 1)] as [Double?] }
        #expect(byHost["serverA"] == counting)
        #expect(byHost["serverB"] == counting)
        #expect(byHost["serverC"] == [[0, 1], [5, 2]])
    }

    @Test func elapsedDifferenceMovingAverageAndCumulativeSum() async throws {
        let packets = "stream\n    |from().measurement('packets')"
        let elapsed = try await rows(
            "TestStream_Elapsed", packets + "\n    |elapsed('value', 1s)\n    |window().period(10s).every(10s)\n    |max('elapsed')",
            seconds: 15)
        #expect(elapsed.first.map { $0.values.map(StreamReplay.numbers) } == [[11, 4]])
        let difference = try await rows(
            "TestStream_Difference", packets + "\n    |difference('value')\n    |window().period(10s).every(10s)\n    |max('difference')",
            seconds: 15)
        #expect(difference.first.map { $0.values.map(StreamReplay.numbers) } == [[11, 5]])
        let moving = try await rows(
            "TestStream_MovingAverage", packets + "\n    |movingAverage('value', 4)\n    |window().period(10s).every(10s)", seconds: 16)
        #expect(moving.first?.columns == ["time", "movingAverage"])
        let averages = [1001.5, 1005.0, 1008.5, 1012.0, 1015.5, 1016.5, 1017.5, 1018.5, 1019.5, 1020.5]
        #expect(
            moving.first.map { $0.values.map(StreamReplay.numbers) } == averages.enumerated().map { [Double($0.offset + 3), $0.element] })
        let sums = try await rows(
            "TestStream_CumulativeSum", packets + "\n    |cumulativeSum('value')\n    |window().period(10s).every(10s)", seconds: 13)
        let running = [0.0, 0, 1, 3, 6, 10, 15, 21, 28, 36]
        #expect(sums.first.map { $0.values.map(StreamReplay.numbers) } == running.enumerated().map { [Double($0.offset), $0.element] })
    }
}
