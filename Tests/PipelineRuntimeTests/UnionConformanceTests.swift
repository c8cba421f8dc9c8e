import PipelineRuntime
import Testing
import TimeSeries

/// Kapacitor's TestStream_Union (integrations/streamer_test.go): three filtered streams unioned and renamed, counted
/// in a 10 s window.
@Suite(.enabled(if: StreamReplay.isAvailable, Comment(rawValue: StreamReplay.absence)))
struct UnionConformanceTests {
    @Test func threeStreamsUnionedAndRenamedCountTwenty() async throws {
        let task = try await StreamReplay.run(
            "TestStream_Union",
            script: """
                var cpuT = stream
                    |from().measurement('cpu').where(lambda: "cpu" == 'total')
                var cpu0 = stream
                    |from().measurement('cpu').where(lambda: "cpu" == '0')
                var cpu1 = stream
                    |from().measurement('cpu').where(lambda: "cpu" == '1')
                cpuT
                    |union(cpu0, cpu1).rename('cpu_all')
                    |window().period(10s).every(10s)
                    |count('value')
                    |httpOut('out')
                """, seconds: 15)
        let series = try #require(task.output("out")?.first)
        #expect(series.name == "cpu_all")
        #expect(series.tags == nil)
        #expect(series.values.map(StreamReplay.numbers) == [[10, 20]])
    }
}
