import PipelineRuntime
import Testing
import TimeSeries

/// Kapacitor's TestStream_InfluxQL_Float and _Integer (integrations/streamer_test.go): every aggregate and selector
/// over one host's 10 s window, with and without `.usePointTimes()`, and the rows they expect. (distinct, top and
/// bottom, which give several rows, are checked on their own.)
@Suite(.enabled(if: StreamReplay.isAvailable, Comment(rawValue: StreamReplay.absence)))
struct InfluxQLConformanceTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let method: String
        var arguments = "'value'"
        var usePointTimes = false
        /// Seconds after the zero, and the value.
        let row: [Double?]
        /// Selectors keep the selected point's tags; aggregates only the group's.
        var selector = false

        var testDescription: String { method + (usePointTimes ? ".usePointTimes()" : "") }
    }

    static let cases: [Case] = [
        Case(method: "sum", row: [10, 940]), Case(method: "count", row: [10, 10]), Case(method: "mean", row: [10, 94]),
        Case(method: "median", row: [10, 94]), Case(method: "mode", row: [10, 95]), Case(method: "spread", row: [10, 7]),
        Case(method: "stddev", row: [10, 2.160246899469287]),
        Case(method: "min", usePointTimes: true, row: [1, 91], selector: true), Case(method: "min", row: [10, 91], selector: true),
        Case(method: "max", usePointTimes: true, row: [0, 98], selector: true), Case(method: "max", row: [10, 98], selector: true),
        Case(method: "first", usePointTimes: true, row: [0, 98], selector: true), Case(method: "first", row: [10, 98], selector: true),
        Case(method: "last", usePointTimes: true, row: [9, 95], selector: true), Case(method: "last", row: [10, 95], selector: true),
        Case(method: "percentile", arguments: "'value', 50.0", row: [10, 93], selector: true),
    ]

    @Test(arguments: ["TestStream_InfluxQL_Float", "TestStream_InfluxQL_Integer"], cases)
    func aggregatesAndSelectorsGiveKapacitorsRows(data: String, testCase: Case) async throws {
        let script = """
            stream
                |from().measurement('cpu').where(lambda: "host" == 'serverA').groupBy('host')
                |window().period(10s).every(10s)
                |\(testCase.method)(\(testCase.arguments))\(testCase.usePointTimes ? ".usePointTimes()" : "")
                |httpOut('out')
            """
        let task = try await StreamReplay.run(data, script: script, seconds: 13)
        let series = try #require(task.output("out")?.first)
        #expect(series.columns == ["time", testCase.method])
        #expect(series.tags == (testCase.selector ? ["host": "serverA", "type": "idle"] : ["host": "serverA"]))
        #expect(series.values.map(StreamReplay.numbers) == [testCase.row])
    }

    @Test(arguments: ["TestStream_InfluxQL_Float", "TestStream_InfluxQL_Integer"])
    func distinctTopAndBottomGiveSeveralRows(data: String) async throws {
        func rows(_ call: String) async throws -> (columns: [String], values: [[Double?]], types: [String]) {
            let script = """
                stream
                    |from().measurement('cpu').where(lambda: "host" == 'serverA').groupBy('host')
                    |window().period(10s).every(10s)
                    |\(call)
                    |httpOut('out')
                """
            let series = try #require(try await StreamReplay.run(data, script: script, seconds: 13).output("out")?.first)
            #expect(series.tags == ["host": "serverA"])
            let types = series.values.compactMap { row in row.last.flatMap { if case .string(let text) = $0 { text } else { nil } } }
            return (series.columns, series.values.map { Array(StreamReplay.numbers($0).prefix(2)) }, types)
        }
        let distinct = try await rows("distinct('value')")
        #expect(distinct.columns == ["time", "distinct"])
        #expect(distinct.values == [98, 91, 95, 93, 92, 96].map { [10, $0] })
        let top = try await rows("top(2, 'value')")
        #expect(top.columns == ["time", "top", "type"] && top.types == ["idle", "idle"])
        #expect(top.values == [[10, 98], [10, 96]])
        #expect(try await rows("top(2, 'value').usePointTimes()").values == [[0, 98], [7, 96]])
        #expect(try await rows("bottom(3, 'value')").values == [[10, 91], [10, 92], [10, 92]])
        #expect(try await rows("bottom(3, 'value').usePointTimes()").values == [[1, 91], [4, 92], [6, 92]])
    }
}
