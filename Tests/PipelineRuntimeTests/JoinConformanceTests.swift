import PipelineRuntime
import Testing
import TimeSeries

/// Kapacitor's join tests (integrations/streamer_test.go): windowed sums joined by group, custom delimiters, fills,
/// three parents, and tolerance; scripts and expected rows from Kapacitor, data from its replay files.
@Suite(.enabled(if: StreamReplay.isAvailable, Comment(rawValue: StreamReplay.absence)))
struct JoinConformanceTests {
    private static let sums = """
        var errorCounts = stream
            |from().measurement('errors').groupBy('service')
            |window().period(10s).every(10s).align()
            |sum('value')
        var viewCounts = stream
            |from().measurement('views').groupBy('service')
            |window().period(10s).every(10s).align()
            |sum('value')
        """

    private func series(_ test: String, _ script: String, seconds: Int64 = 13) async throws -> [String: ResultSeries] {
        let task = try await StreamReplay.run(test, script: script + "\n    |httpOut('out')\n", seconds: seconds)
        return Dictionary(uniqueKeysWithValues: try #require(task.output("out")).map { ($0.tags?["service"] ?? "", $0) })
    }

    @Test(arguments: [".", "#", ""])
    func windowedSumsJoinPerServiceWithAnyDelimiter(delimiter: String) async throws {
        let script =
            Self.sums + """

                errorCounts
                    |join(viewCounts).as('errors', 'views').delimiter('\(delimiter)').streamName('error_view')
                    |eval(lambda: "errors\(delimiter)sum" / "views\(delimiter)sum").as('error_percent').keep()
                """
        let rows = try await series("TestStream_Join", script)
        #expect(rows.keys.sorted() == ["cartA", "front", "login"])
        for (service, errors) in [("cartA", 47.0), ("login", 45.0), ("front", 32.0)] {
            let row = try #require(rows[service])
            #expect(row.name == "error_view")
            #expect(row.columns == ["time", "error_percent", "errors\(delimiter)sum", "views\(delimiter)sum"])
            #expect(row.values.map(StreamReplay.numbers) == [[10, 0.01, errors, errors * 100]])
        }
    }

    @Test(arguments: [
        "fill('null').streamName('error_view')\n    |default().field('errors.value', 0.0).field('views.value', 0.0)",
        "fill(0.0).streamName('error_view')",
    ])
    func fillsKeepTheUnmatchedPoints(fill: String) async throws {
        let script = """
            var errorCounts = stream
                |from().measurement('errors').groupBy('service')
            var viewCounts = stream
                |from().measurement('views').groupBy('service')
            errorCounts
                |join(viewCounts).as('errors', 'views').\(fill)
                |eval(lambda: "errors.value" + "views.value").as('error_percent')
                |window().period(10s).every(10s)
                |count('error_percent')
            """
        let rows = try await series("TestStream_Join_Fill", script)
        #expect(rows.mapValues { $0.values.map(StreamReplay.numbers) } == ["cartA": [[10, 7]], "login": [[10, 7]], "front": [[10, 8]]])
    }

    @Test func threeParentsJoinWithAFill() async throws {
        let script = """
            var cpu = stream
                |from().measurement('cpu').where(lambda: "cpu" == 'total')
            var mem = stream
                |from().measurement('memory').where(lambda: "type" == 'free')
            var disk = stream
                |from().measurement('disk').where(lambda: "device" == 'sda')
            cpu
                |join(mem, disk).as('cpu', 'mem', 'disk').streamName('magic').fill(0.0)
                |window().period(10s).every(10s)
                |count('cpu.value')
            """
        let rows = try await series("TestStream_JoinN", script, seconds: 15)
        #expect(rows[""]?.name == "magic")
        #expect(rows[""]?.values.map(StreamReplay.numbers) == [[10, 10]])
    }

    @Test func toleranceRoundsTimesAndKeepsEveryPair() async throws {
        let script = """
            var errorCounts = stream
                |from().measurement('errors').groupBy('service')
            var viewCounts = stream
                |from().measurement('views').groupBy('service')
            errorCounts
                |join(viewCounts).as('errors', 'views').tolerance(2s).streamName('error_view')
                |window().period(10s).every(10s)
            """
        let rows = try await series("TestStream_JoinTolerance", script)
        func pairs(_ values: [(Double, Double)]) -> [[Double?]] { values.map { [$0.0, $0.1, $0.1 * 100] } }
        #expect(rows["cartA"]?.columns == ["time", "errors.value", "views.value"])
        #expect(rows["cartA"]?.values.map(StreamReplay.numbers) == pairs([(0, 7), (2, 9), (4, 3), (6, 11), (6, 12), (8, 6)]))
        #expect(rows["login"]?.values.map(StreamReplay.numbers) == pairs([(0, 9), (2, 5), (4, 9), (4, 2), (6, 7), (8, 10)]))
        #expect(rows["front"]?.values.map(StreamReplay.numbers) == pairs([(0, 2), (2, 9), (4, 7), (6, 5), (6, 4), (8, 6), (8, 4)]))
    }
}
