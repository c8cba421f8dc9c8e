import Alerting
import Logging
import PipelineSpec
import Testing
import TimeSeries

@testable import PipelineRuntime

/// The nodes beyond Kapacitor's replay tests, over points made here: derivative, shift + join (what Chronograf's
/// relative rules build), sample, union, and stats + deadman on the wall-clock tick.
struct TransformNodeTests {
    private static let second: Int64 = 1_000_000_000

    private func start(_ script: String, topics: TopicRegistry = TopicRegistry()) throws -> ExecutingTask {
        let pipeline = try Pipeline.build(script: "dbrp \"db\".\"rp\"\n" + script)
        return try ExecutingTask(
            id: "t", pipeline: pipeline, dbrps: pipeline.dbrps, topics: topics, writer: nil, logger: Logger(label: "test"))
    }

    private func feed(_ task: ExecutingTask, _ values: [(seconds: Int64, value: Double)], host: String = "a", name: String = "cpu") {
        for (seconds, value) in values {
            task.receive(
                StreamPoint(
                    name: name, database: "db", retentionPolicy: "rp", tags: ["host": host], fields: ["value": .float(value)],
                    time: seconds * Self.second))
        }
    }

    @Test func derivativeGivesTheRatePerUnitAndSkipsTheFirstPoint() async throws {
        let task = try start("stream\n    |from().measurement('cpu')\n    |derivative('value').unit(1s).as('rate')\n    |httpOut('out')\n")
        feed(task, [(0, 0), (1, 2), (3, 8)])
        await task.stop()
        let row = try #require(task.output("out")?.first)
        #expect(row.columns == ["time", "rate", "value"])
        #expect(row.values == [[.time(3 * Self.second), .float(3), .float(8)]])
        #expect(task.statistics.nodes.first { $0.name == "derivative2" }?.emitted == 2)
    }

    @Test func shiftedAndCurrentWindowsJoinAsChronografsRelativeRuleDoes() async throws {
        let task = try start(
            """
            var data = stream
                |from().measurement('cpu').groupBy('host')
                |window().period(10s).every(10s).align()
                |mean('value').as('value')
            var past = data
                |shift(10s)
            var current = data
            past
                |join(current).as('past', 'current')
                |eval(lambda: float("current.value" - "past.value")).keep().as('change')
                |httpOut('out')
            """)
        feed(task, (0..<31).map { (Int64($0), $0 < 10 ? 10 : $0 < 20 ? 25 : 40) })
        await task.stop()
        let row = try #require(task.output("out")?.first)
        #expect(row.tags == ["host": "a"])
        #expect(row.columns == ["time", "change", "current.value", "past.value"])
        #expect(row.values == [[.time(30 * Self.second), .float(15), .float(40), .float(25)]])
        #expect(task.statistics.nodes.first { $0.name.hasPrefix("join") }?.emitted == 2)
    }

    @Test func sampleKeepsEveryNthPointAndUnionRenames() async throws {
        let task = try start(
            """
            var a = stream|from().measurement('a')
            var b = stream|from().measurement('b')
            a|union(b).rename('both')|sample(2)|httpOut('out')
            """)
        feed(task, [(1, 1)], name: "a")
        feed(task, [(2, 2)], name: "b")
        feed(task, [(3, 3)], name: "a")
        await task.stop()
        let row = try #require(task.output("out")?.first)
        #expect(row.name == "both")
        #expect(row.values == [[.time(3 * Self.second), .float(3)]])
        #expect(task.statistics.nodes.first { $0.name.hasPrefix("sample") }?.collected == 3)
    }

    @Test func groupByStarWithExcludeGroupsByTheOtherTags() async throws {
        let task = try start(
            "stream\n    |from().measurement('cpu')\n    |groupBy(*).exclude('cpu')\n    |window().period(10s).every(10s)\n    |count('value')\n    |httpOut('out')\n"
        )
        for (second, host, cpu) in [(0, "a", "0"), (1, "a", "1"), (2, "b", "0"), (11, "a", "0"), (12, "b", "1")]
            as [(Int64, String, String)]
        {
            task.receive(
                StreamPoint(
                    name: "cpu", database: "db", retentionPolicy: "rp", tags: ["host": host, "cpu": cpu], fields: ["value": .float(1)],
                    time: second * Self.second))
        }
        await task.stop()
        let series = try #require(task.output("out"))
        #expect(series.map { $0.tags ?? [:] } == [["host": "a"], ["host": "b"]])
        #expect(series.map { $0.values.first?[1] } == [.integer(2), .integer(1)])
    }

    @Test func deadmanFiresWhenAWatchedNodeStopsEmitting() async throws {
        let topics = TopicRegistry()
        let task = try start("stream\n    |from().measurement('cpu')\n    |deadman(0.0, 10s)\n", topics: topics)
        let start: Int64 = 1_000 * Self.second
        feed(task, [(1, 1), (2, 2), (3, 3)])
        task.tick(now: start)
        task.tick(now: start + 10 * Self.second)
        task.tick(now: start + 20 * Self.second)
        await task.stop()
        #expect(task.statistics.nodes.map(\.name) == ["stream0", "from1", "stats2", "noop3", "derivative4", "alert5"])
        let events = try #require(topics.events(topic: "main:t:alert5"))
        #expect(events.first?.id == "node 'from1' in task 't'")
        #expect(events.first?.state.level == .critical)
        #expect(events.first?.state.message == "node 'from1' in task 't' is dead: 0.000 points/10s.")
    }
}

/// The running transformations and state trackers, over one group's points.
struct RunningNodeTests {
    private static let second: Int64 = 1_000_000_000

    private func run(_ chain: String, _ values: [Double]) async throws -> [[ResultValue]] {
        let pipeline = try Pipeline.build(
            script: "dbrp \"db\".\"rp\"\nstream\n    |from().measurement('m')\n" + chain + "\n    |httpOut('out')\n")
        let task = try ExecutingTask(
            id: "t", pipeline: pipeline, dbrps: pipeline.dbrps, topics: TopicRegistry(), writer: nil, logger: Logger(label: "test"))
        var rows: [[ResultValue]] = []
        for (index, value) in values.enumerated() {
            task.receive(
                StreamPoint(
                    name: "m", database: "db", retentionPolicy: "rp", tags: [:], fields: ["v": .float(value)],
                    time: Int64(index) * 2 * Self.second))
            if let row = task.output("out")?.first?.values.first, rows.last != row { rows.append(row) }
        }
        await task.stop()
        return rows
    }

    @Test func differenceElapsedMovingAverageAndCumulativeSum() async throws {
        #expect(try await run("    |difference('v')", [1, 4, 2]).map { $0[1] } == [.float(3), .float(-2)])
        #expect(try await run("    |elapsed('v', 1s)", [1, 4, 2]).map { $0[1] } == [.integer(2), .integer(2)])
        #expect(try await run("    |movingAverage('v', 2).as('avg')", [1, 3, 5]).map { $0[1] } == [.float(2), .float(4)])
        #expect(try await run("    |cumulativeSum('v')", [1, 3, 5]).map { $0[1] } == [.float(1), .float(4), .float(9)])
    }

    @Test func stateCountDurationAndChangeDetect() async throws {
        let counts = try await run("    |stateCount(lambda: \"v\" > 2.0).as('n')", [3, 4, 1, 5])
        #expect(counts.map { $0[1] } == [.integer(1), .integer(2), .integer(-1), .integer(1)])
        let durations = try await run("    |stateDuration(lambda: \"v\" > 2.0).unit(1s).as('d')", [3, 4, 1, 5])
        #expect(durations.map { $0[1] } == [.float(0), .float(2), .float(-1), .float(0)])
        let changes = try await run("    |changeDetect('v')", [1, 1, 2, 2, 1])
        #expect(changes.map { $0[0] } == [.time(0), .time(4 * Self.second), .time(8 * Self.second)])
    }
}
