import Alerting
import PipelineRuntime
import Testing
import TimeSeries

/// Kapacitor's own stream tests (SPEC-kapacitor.md §8), replayed from its data files through Sundial's engine.
@Suite(.enabled(if: StreamReplay.isAvailable, Comment(rawValue: StreamReplay.absence)))
struct StreamConformanceTests {
    @Test func simpleMapReduceCountsTenPointsOfOneHost() async throws {
        let task = try await StreamReplay.run(
            "TestStream_SimpleMR",
            script: """
                stream
                    |from().measurement('cpu').where(lambda: "host" == 'serverA')
                    |window().period(10s).every(10s)
                    |count('value')
                    |httpOut('TestStream_SimpleMR')
                """)
        let series = try #require(task.output("TestStream_SimpleMR"))
        #expect(series.count == 1)
        #expect(series.first?.name == "cpu")
        #expect(series.first?.tags == nil)
        #expect(series.first?.columns == ["time", "count"])
        #expect(series.first?.values == [[.time(StreamReplay.second(10)), .integer(10)]])
    }

    @Test func groupByServiceSumsEachGroup() async throws {
        let task = try await StreamReplay.run(
            "TestStream_GroupBy",
            script: """
                stream
                    |from().measurement('errors').groupBy('service')
                    |window().period(10s).every(10s)
                    |sum('value')
                    |httpOut('TestStream_GroupBy')
                """)
        let series = try #require(task.output("TestStream_GroupBy"))
        let byService = Dictionary(uniqueKeysWithValues: series.map { ($0.tags?["service"] ?? "", $0.values) })
        #expect(byService["cartA"] == [[.time(StreamReplay.second(10)), .float(47)]])
        #expect(byService["login"] == [[.time(StreamReplay.second(10)), .float(45)]])
        #expect(byService["front"] == [[.time(StreamReplay.second(11)), .float(32)]])
    }

    @Test func evalComputesEveryType() async throws {
        let task = try await StreamReplay.run(
            "TestStream_EvalAllTypes",
            script: """
                stream
                    |from().measurement('types')
                    |eval(lambda: "str" + 'suffix', lambda: !"bool", lambda: "int" + 14, lambda: "float" * 2.0)
                        .as('str', 'bool', 'int', 'float')
                    |httpOut('TestStream_EvalAllTypes')
                """)
        let series = try #require(task.output("TestStream_EvalAllTypes")?.first)
        #expect(series.columns == ["time", "bool", "float", "int", "str"])
        #expect(series.values.first?.dropFirst() == [.boolean(true), .float(84), .integer(19), .string("bobsuffix")])
    }

    @Test func alertFiresCriticalWithItsIDTagsAndFields() async throws {
        let topics = TopicRegistry()
        let task = try await StreamReplay.run(
            "TestStream_Alert",
            script: """
                stream
                    |from().measurement('cpu').where(lambda: "host" == 'serverA').groupBy('host')
                    |window().period(10s).every(10s)
                    |count('value')
                    |alert()
                        .id('kapacitor/{{ .Name }}/{{ index .Tags "host" }}')
                        .details('details')
                        .idTag('id').idField('id').levelTag('level').levelField('level').messageField('msg')
                        .info(lambda: "count" > 6.0)
                        .warn(lambda: "count" > 7.0)
                        .crit(lambda: "count" > 8.0)
                    |httpOut('TestStream_Alert')
                """, topics: topics)
        let series = try #require(task.output("TestStream_Alert")?.first)
        #expect(series.tags == ["host": "serverA", "id": "kapacitor/cpu/serverA", "level": "CRITICAL"])
        #expect(series.columns == ["time", "count", "id", "level", "msg"])
        #expect(
            series.values == [
                [
                    .time(StreamReplay.second(10)), .integer(10), .string("kapacitor/cpu/serverA"), .string("CRITICAL"),
                    .string("kapacitor/cpu/serverA is CRITICAL"),
                ]
            ])
        let events = try #require(topics.events(topic: "main:TestStream_Alert:alert4"))
        #expect(events.map(\.id) == ["kapacitor/cpu/serverA"])
        #expect(events.first?.state.level == .critical)
        #expect(events.first?.state.details == "details")
        #expect(events.first?.state.time == StreamReplay.second(10))
        let alertStats = try #require(task.statistics.nodes.first { $0.name == "alert4" })
        #expect(alertStats.extra.first { $0.0 == "crits_triggered" }?.1 == 1)
        #expect(alertStats.collected == 1 && alertStats.emitted == 1)
    }
}
