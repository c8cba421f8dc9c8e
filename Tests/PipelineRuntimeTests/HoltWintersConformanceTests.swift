import PipelineRuntime
import Testing
import TimeSeries

/// Kapacitor's TestStream_HoltWinters and TestStream_HoltWintersWithFit (integrations/streamer_test.go): a 10 s
/// window of packet counts forecast 3 s ahead at 1 s intervals, with and without the fit, within 1e-9 of Kapacitor's.
@Suite(.enabled(if: StreamReplay.isAvailable, Comment(rawValue: StreamReplay.absence)))
struct HoltWintersConformanceTests {
    private func run(_ method: String) async throws -> [[Double?]] {
        let task = try await StreamReplay.run(
            "TestStream_HoltWinters",
            script: """
                stream
                    |from().measurement('packets').groupBy('host')
                    |window().period(10s).every(10s)
                    |\(method)('value', 3, 0, 1s)
                    |where(lambda: "host" == 'serverA')
                    |httpOut('out')
                """, seconds: 15)
        let series = try #require(task.output("out")?.first)
        #expect(series.name == "packets" && series.tags == ["host": "serverA"])
        #expect(series.columns == ["time", "holtWinters"])
        return series.values.map(StreamReplay.numbers)
    }

    private func expectClose(_ rows: [[Double?]], _ expected: [(Double, Double)]) {
        #expect(rows.count == expected.count)
        for (row, (time, value)) in zip(rows, expected) {
            #expect(row[0] == time)
            #expect(abs((row[1] ?? .nan) - value) < 1e-9, "\(row) vs \(value)")
        }
    }

    @Test func forecastsTheNextThreeSeconds() async throws {
        expectClose(try await run("holtWinters"), [(10, 1009.324690106368), (11, 1009.7524349889708), (12, 1010.105056042826)])
    }

    @Test func withTheFitFirst() async throws {
        expectClose(
            try await run("holtWintersWithFit"),
            [
                (0, 1000.0), (1, 1000.7349380776699), (2, 1001.8935462884633), (3, 1003.1750039651934), (4, 1004.4245269000132),
                (5, 1005.5685498251902), (6, 1006.5782508658309), (7, 1007.4488388165385), (8, 1008.1877681696025),
                (9, 1008.8080773333872), (10, 1009.324690106368), (11, 1009.7524349889708), (12, 1010.105056042826),
            ])
    }
}
