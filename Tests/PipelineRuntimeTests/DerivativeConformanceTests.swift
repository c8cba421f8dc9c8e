import PipelineRuntime
import Testing
import TimeSeries

/// Kapacitor's derivative and overlapping count-window tests (integrations/streamer_test.go), scripts and expected
/// rows, replayed over their data files up to the test's clock.
@Suite(.enabled(if: StreamReplay.isAvailable, Comment(rawValue: StreamReplay.absence)))
struct DerivativeConformanceTests {
    private static let packets = "stream\n    |from().measurement('packets')"

    private func rows(_ test: String, _ chain: String, seconds: Int64) async throws -> [[Double?]] {
        let task = try await StreamReplay.run(test, script: chain + "\n    |httpOut('out')\n", seconds: seconds)
        return try #require(task.output("out")?.first).values.map(StreamReplay.numbers)
    }

    @Test func derivativeMeansUnitsAndNonNegative() async throws {
        let mean = "\n    |window().period(10s).every(10s)\n    |mean('value')"
        #expect(try await rows("TestStream_Derivative", Self.packets + "\n    |derivative('value')" + mean, seconds: 15) == [[11, 1]])
        #expect(
            try await rows("TestStream_Derivative", Self.packets + "\n    |derivative('value').unit(10s)" + mean, seconds: 15) == [
                [11, 10]
            ])
        #expect(
            try await rows("TestStream_DerivativeNN", Self.packets + "\n    |derivative('value').nonNegative()" + mean, seconds: 15) == [
                [11, 1]
            ])
        #expect(
            try await rows("TestStream_DerivativeNN", Self.packets + "\n    |derivative('value')" + mean, seconds: 15) == [[11, -99.7]])
    }

    @Test func derivativeAsKeepsTheValueAndSkipsTheFirstPoint() async throws {
        let rows = try await rows(
            "TestStream_Derivative", Self.packets + "\n    |derivative('value').as('derivative')\n    |window().period(10s).every(10s)",
            seconds: 15)
        let expected: [[Double?]] = [
            [1, 1, 1001], [3, 1, 1003], [4, 1, 1004], [5, 2, 1006], [6, 1, 1007], [7, 0, 1007], [8, 1, 1008], [9, 1, 1009], [10, 1, 1010],
        ]
        #expect(rows == expected)
    }

    @Test func aZeroElapsedTimeDropsThatPoint() async throws {
        let chain = Self.packets + "\n    |derivative('value')\n    |window().period(10s).every(10s)\n    |count('value')"
        #expect(try await rows("TestStream_DerivativeZeroElapsed", chain, seconds: 15) == [[11, 9]])
    }

    @Test func overlappingCountWindows() async throws {
        let from = "stream\n    |from().database('dbname').retentionPolicy('rpname').measurement('cpu')"
        let overlapping = try await rows(
            "TestStream_Window_Count", from + ".where(lambda: \"host\" == 'serverA')\n    |window().periodCount(3).everyCount(1)",
            seconds: 2)
        #expect(overlapping.map { $0.last! } == [10, 11, 12])
        let everyOne = try await rows(
            "TestStream_Window_Count",
            from
                + ".groupBy('host')\n    |window().periodCount(3).everyCount(1)\n    |count('value')\n    |window().periodCount(20).everyCount(1)",
            seconds: 2)
        #expect(everyOne.map { $0.last! } == [1, 2] + Array(repeating: 3, count: 10))
    }
}
