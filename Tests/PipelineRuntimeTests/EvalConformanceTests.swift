import PipelineRuntime
import Testing
import TimeSeries

/// Kapacitor's eval and shift tests (integrations/streamer_test.go): keep lists, results as tags, stateful functions
/// per group, and windows shifted forward and back before a join.
@Suite(.enabled(if: StreamReplay.isAvailable, Comment(rawValue: StreamReplay.absence)))
struct EvalConformanceTests {
    private func series(_ test: String, _ chain: String, seconds: Int64) async throws -> [ResultSeries] {
        let task = try await StreamReplay.run(
            test, script: "stream\n    |from().measurement('types')" + chain + "\n    |httpOut('out')\n", seconds: seconds)
        return try #require(task.output("out"))
    }

    @Test func keepAllSomeAndHidden() async throws {
        let lambdas = "\n    |eval(lambda: \"value0\" + \"value1\", lambda: \"value0\" - \"value1\").as('pos', 'neg')"
        let all = try await series("TestStream_Eval_Keep", lambdas + ".keep()", seconds: 2)
        #expect(all.first?.columns == ["time", "neg", "pos", "value0", "value1"])
        #expect(all.first?.values.map(StreamReplay.numbers) == [[0, -1, 1, 0, 1]])
        let some = try await series("TestStream_Eval_KeepSome", lambdas + ".keep('value0', 'pos', 'neg', 'other')", seconds: 2)
        #expect(some.first?.columns == ["time", "neg", "other", "pos", "value0"])
        #expect(some.first?.values.map(StreamReplay.numbers) == [[0, -1, 5, 1, 0]])
        let hidden = try await series(
            "TestStream_Eval_Keep",
            "\n    |eval(lambda: \"value0\" + \"value1\", lambda: \"pos\" - \"value1\").as('pos', 'zero').keep('value0', 'zero')",
            seconds: 2)
        #expect(hidden.first?.columns == ["time", "value0", "zero"])
        #expect(hidden.first?.values.map(StreamReplay.numbers) == [[0, 0, 0]])
    }

    @Test func resultsAsTagsGroupTheData() async throws {
        let tags = try await series(
            "TestStream_Eval_Tags", "\n    |eval(lambda: string(\"value\")).as('value').tags('value')\n    |groupBy('value')", seconds: 2)
        #expect(Set(tags.map { $0.tags ?? [:] }) == [["value": "0"], ["value": "1"]])
        #expect(tags.allSatisfy { $0.columns == ["time"] })
        let kept = try await series(
            "TestStream_Eval_Tags", "\n    |eval(lambda: string(\"value\")).as('value').tags('value').keep()\n    |groupBy('value')",
            seconds: 2)
        #expect(kept.allSatisfy { $0.columns == ["time", "another", "value"] })
        let some = try await series(
            "TestStream_Eval_Tags",
            "\n    |eval(lambda: string(\"value\")).as('value_tag').tags('value_tag').keep('value', 'another')\n    |groupBy('value_tag')",
            seconds: 2)
        let byTag = Dictionary(uniqueKeysWithValues: some.map { ($0.tags?["value_tag"] ?? "", $0.values.map(StreamReplay.numbers)) })
        #expect(byTag == ["0": [[0, 2, 0]], "1": [[0, 2, 1]]])
    }

    @Test func statefulFunctionsCountPerGroup() async throws {
        let groups = try await StreamReplay.run(
            "TestStream_EvalGroups",
            script:
                "stream\n    |from().measurement('types').groupBy('group')\n    |eval(lambda: count()).as('count')\n    |httpOut('out')\n",
            seconds: 3)
        let byGroup = Dictionary(
            uniqueKeysWithValues: try #require(groups.output("out")).map { ($0.tags?["group"] ?? "", $0.values.map(StreamReplay.numbers)) })
        #expect(byGroup == ["A": [[1, 2]], "B": [[1, 2]]])
    }

    @Test(arguments: [
        ("|count('value')\n    |shift(period)", "|count('value')", 10.0), ("|shift(period)\n    |count('value')", "|count('value')", 10.0),
        ("|count('value')", "|count('value')\n    |shift(-period)", 5.0), ("|count('value')", "|shift(-period)\n    |count('value')", 5.0),
    ])
    func shiftedWindowsJoin(past: String, current: String, time: Double) async throws {
        let script = """
            var period = 5s
            var data = stream
                |from().measurement('cpu').where(lambda: "host" == 'serverA')
            var past = data
                |window().period(period).every(period).align()
                \(past)
            var current = data
                |window().period(period).every(period).align()
                \(current)
            past
                |join(current).as('past', 'current')
                |eval(lambda: "current.count" - "past.count").keep().as('diff')
                |httpOut('out')
            """
        let task = try await StreamReplay.run("TestStream_Shift", script: script, seconds: 15)
        let series = try #require(task.output("out")?.first)
        #expect(series.columns == ["time", "current.count", "diff", "past.count"])
        #expect(series.values.map(StreamReplay.numbers) == [[time, 5, 1, 4]])
    }
}
