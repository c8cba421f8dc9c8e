import Foundation
import PipelineRuntime
import Testing
import TimeSeries

/// Kapacitor's TestStream_AlertDuration (integrations/streamer_test.go): its script with the log handler in place of
/// its HTTP test server, replayed over its data for 13 s; the five events and the last httpOut row it expects.
@Suite(.enabled(if: StreamReplay.isAvailable, Comment(rawValue: StreamReplay.absence)))
struct AlertConformanceTests {
    @Test func stateChangesOnlyEventsCarryKapacitorsLevelsTimesAndDurations() async throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("alert-duration-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let task = try await StreamReplay.run(
            "TestStream_AlertDuration",
            script: """
                var warnThreshold = 7.0
                var critThreshold = 8.0
                stream
                    |from().measurement('cpu').where(lambda: "host" == 'serverA').groupBy('host')
                    |alert()
                        .id('kapacitor/{{ .Name }}/{{ index .Tags "host" }}')
                        .details('details')
                        .durationField('duration')
                        .warn(lambda: "value" > warnThreshold)
                        .crit(lambda: "value" > critThreshold)
                        .stateChangesOnly()
                        .log('\(log)')
                    |httpOut('TestStream_AlertDuration')
                """, seconds: 13)
        let events = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        let expected: [(String, String, Int64, Double)] = [
            ("CRITICAL", "1971-01-01T00:00:00Z", 0, 9), ("WARNING", "1971-01-01T00:00:02Z", 2_000_000_000, 8),
            ("OK", "1971-01-01T00:00:04Z", 4_000_000_000, 6), ("WARNING", "1971-01-01T00:00:05Z", 0, 8),
            ("OK", "1971-01-01T00:00:08Z", 3_000_000_000, 3),
        ]
        #expect(events.count == expected.count)
        for (event, (level, time, duration, value)) in zip(events, expected) {
            #expect(event["level"] as? String == level)
            #expect(event["time"] as? String == time)
            #expect((event["duration"] as? NSNumber)?.int64Value == duration)
            #expect(event["id"] as? String == "kapacitor/cpu/serverA")
            #expect(event["message"] as? String == "kapacitor/cpu/serverA is \(level)")
            #expect(event["details"] as? String == "details")
            let series = try #require(((event["data"] as? [String: Any])?["series"] as? [[String: Any]])?.first)
            #expect(series["tags"] as? [String: String] == ["host": "serverA", "type": "idle"])
            #expect(series["columns"] as? [String] == ["time", "value"])
            #expect(((series["values"] as? [[Any]])?.first?.last as? NSNumber)?.doubleValue == value)
        }
        let row = try #require(task.output("TestStream_AlertDuration")?.first)
        #expect(row.columns == ["time", "duration", "value"])
        #expect(row.values.map(StreamReplay.numbers) == [[8, 3_000_000_000, 3]])
    }

    /// The events a script's `.log()` handler wrote, replayed over the test's data for `seconds`.
    private func events(_ test: String, _ alert: String, seconds: Int64 = 13) async throws -> [[String: Any]] {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("\(test)-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        _ = try await StreamReplay.run(test, script: alert.replacingOccurrences(of: "LOG", with: log), seconds: seconds)
        guard let text = try? String(contentsOfFile: log, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test func stateChangesOnlyFiresEightTimesForFourLowPoints() async throws {
        let fired = try await events(
            "TestStream_AlertStateChangesOnly",
            "stream\n    |from().measurement('cpu')\n    |alert().crit(lambda: \"value\" < 93).stateChangesOnly().log('LOG')\n")
        #expect(fired.count == 8)
    }

    @Test func anExpiredStateFiresAgainEveryTwoSeconds() async throws {
        let fired = try await events(
            "TestStream_AlertStateChangesOnlyExpired",
            "stream\n    |from().measurement('cpu')\n    |alert().crit(lambda: \"value\" < 97).details('').stateChangesOnly(2s).log('LOG')\n"
        )
        #expect(fired.count == 6)
        for (index, event) in fired.prefix(5).enumerated() {
            #expect(event["id"] as? String == "cpu:nil" && event["message"] as? String == "cpu:nil is CRITICAL")
            #expect(event["time"] as? String == "1971-01-01T00:00:0\(index * 2 + 1)Z")
            #expect((event["duration"] as? NSNumber)?.int64Value == Int64(index) * 2_000_000_000)
        }
        #expect(fired.last?["level"] as? String == "OK" && fired.last?["time"] as? String == "1971-01-01T00:00:10Z")
        #expect((fired.last?["duration"] as? NSNumber)?.int64Value == 9_000_000_000)
    }

    @Test func flappingDropsTheLastEvents() async throws {
        let fired = try await events(
            "TestStream_AlertFlapping",
            """
            stream
                |from().measurement('cpu').where(lambda: "host" == 'serverA')
                |alert().info(lambda: "value" < 95).warn(lambda: "value" < 94).crit(lambda: "value" < 93)
                    .flapping(0.25, 0.50).history(21).log('LOG')
            """)
        #expect(fired.count == 9)
    }

    @Test func aWhereWithSigmaLetsOnePointThrough() async throws {
        let fired = try await events(
            "TestStream_AlertComplexWhere",
            """
            stream
                |from().measurement('cpu').where(lambda: "host" == 'serverA' AND sigma("value") > 2)
                |alert().details('').crit(lambda: TRUE).log('LOG')
            """)
        #expect(fired.count == 1)
        #expect(fired.first?["time"] as? String == "1971-01-01T00:00:07Z")
    }
}
