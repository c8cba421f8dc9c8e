import Alerting
import Foundation
import Hummingbird
import HummingbirdTesting
import PipelineRuntime
import Testing
import TimeSeries

@testable import TaskService

/// Topic handlers' `match` expressions and the `publish` kind, as Kapacitor evaluates and runs them.
@Suite struct TopicHandlerMatchTests {
    static func event(_ level: AlertLevel, previous: AlertLevel, host: String, duration: Int64 = 0) -> AlertEvent {
        AlertEvent(
            topic: "cpu", id: "cpu:\(host)",
            state: EventState(level: level, message: "cpu:\(host) is \(level)", details: "", time: 1, duration: duration),
            previousLevel: previous, recoverable: true,
            data: [ResultSeries(name: "cpu", tags: ["host": host], columns: ["time", "v"], values: [[.time(1), .float(1)]])],
            taskName: "cpu_alert")
    }

    @Test func matchExpressionsSeeTheLevelTheChangeTheTagsAndTheNames() throws {
        let critical = Self.event(.critical, previous: .ok, host: "serverA", duration: 300_000_000_000)
        let again = Self.event(.critical, previous: .critical, host: "serverB")
        #expect(try MatchExpression("level() == CRITICAL").matches(critical))
        #expect(try !MatchExpression("level() < WARNING").matches(critical))
        #expect(try MatchExpression("changed() == TRUE").matches(critical) && !MatchExpression("changed()").matches(again))
        #expect(try MatchExpression("\"host\" == 'serverA' AND name() == 'cpu' AND taskName() =~ /^cpu/").matches(critical))
        #expect(try MatchExpression("alertDuration() > 1m").matches(critical) && !MatchExpression("alertDuration() > 1m").matches(again))
        #expect(throws: MatchExpressionError.self) { try MatchExpression("\"region\" == 'eu'").matches(critical) }
        #expect(throws: MatchExpressionError.self) { try MatchExpression("level() == FATAL") }
        #expect(throws: MatchExpressionError.self) { try MatchExpression("level(") }
    }

    @Test func aPublishHandlerWithAMatchFeedsAnotherTopicWhoseHandlersRun() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("match-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("ops.log").path
        let runner = TaskRunner.test()
        let app = Application(router: try await TaskService.makeRouter(runner: runner))
        try await app.test(.router) { client in
            let publish: [String: Any] = [
                "id": "escalate", "kind": "publish", "options": ["topics": ["ops"]], "match": "level() == CRITICAL",
            ]
            #expect(try await TaskRoutesTests.send(client, .post, "/kapacitor/v1/alerts/topics/cpu/handlers", publish).status == .ok)
            let file: [String: Any] = ["id": "file", "kind": "log", "options": ["path": log], "match": "\"host\" == 'serverA'"]
            #expect(try await TaskRoutesTests.send(client, .post, "/kapacitor/v1/alerts/topics/ops/handlers", file).status == .ok)
            let bad: [String: Any] = ["id": "bad", "kind": "log", "options": ["path": log], "match": "level() == FATAL"]
            let (status, json) = try await TaskRoutesTests.send(client, .post, "/kapacitor/v1/alerts/topics/ops/handlers", bad)
            #expect(status == .badRequest && (json["error"] as? String)?.contains("unknown identifier \"FATAL\"") == true)

            let handlers = runner.topics.handlers(for: "cpu")
            for event in [
                Self.event(.critical, previous: .ok, host: "serverA"), Self.event(.ok, previous: .critical, host: "serverA"),
                Self.event(.critical, previous: .ok, host: "serverB"),
            ] {
                runner.topics.collect(event)
                for handler in handlers { await handler.handle(event) }
            }
            let logged = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            let lines = logged.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].contains("\"id\":\"cpu:serverA\"") && lines[0].contains("CRITICAL"), "\(logged)")
            let (_, events) = try await TaskRoutesTests.send(client, .get, "/kapacitor/v1/alerts/topics/ops/events")
            #expect((events["events"] as? [[String: Any]])?.count == 2, "both critical events were published into ops")
        }
    }

    /// A server whose topic `cpu` aggregates into `digest` every `interval` ns, and `digest` logs to a file; `body` runs
    /// with the client, the runner and the directory; returns what the log holds once something arrived.
    private func aggregating(
        interval: Int, _ body: @escaping @Sendable (any TestClientProtocol, TaskRunner, URL) async throws -> Void
    ) async throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("aggregate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("digest.log").path
        let runner = TaskRunner.test()
        let app = Application(router: try await TaskService.makeRouter(runner: runner))
        try await app.test(.router) { client in
            let aggregate: [String: Any] = ["id": "digest", "kind": "aggregate", "options": ["interval": interval, "topic": "digest"]]
            #expect(try await TaskRoutesTests.send(client, .post, "/kapacitor/v1/alerts/topics/cpu/handlers", aggregate).status == .ok)
            let file: [String: Any] = ["id": "file", "kind": "log", "options": ["path": log]]
            #expect(try await TaskRoutesTests.send(client, .post, "/kapacitor/v1/alerts/topics/digest/handlers", file).status == .ok)
            try await body(client, runner, directory)
        }
        var logged = ""
        for _ in 0..<250 where logged.isEmpty {
            try await Task.sleep(for: .milliseconds(20))
            logged = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        }
        return logged
    }

    @Test func anAggregateHandlerPublishesOneEventPerInterval() async throws {
        let logged = try await aggregating(interval: 100_000_000) { _, runner, _ in
            let handlers = runner.topics.handlers(for: "cpu")
            for event in [
                Self.event(.warning, previous: .ok, host: "serverA"), Self.event(.critical, previous: .ok, host: "serverB"),
                Self.event(.ok, previous: .critical, host: "serverC"),
            ] {
                for handler in handlers { await handler.handle(event) }
            }
        }
        #expect(logged.split(separator: "\n").count == 1, "\(logged)")
        #expect(logged.contains("\"message\":\"Received 3 events in the last 100ms.\"") && logged.contains("\"level\":\"CRITICAL\""))
        #expect(logged.contains("\"id\":\"digest\"") && logged.contains("cpu:serverA is WARNING\\ncpu:serverB is CRITICAL"))
    }

    @Test func addingAHandlerToATopicKeepsItsAggregatesPendingEvents() async throws {
        let logged = try await aggregating(interval: 300_000_000) { client, runner, directory async throws in
            for handler in runner.topics.handlers(for: "cpu") { await handler.handle(Self.event(.critical, previous: .ok, host: "a")) }
            // Another handler on the same topic, mid-interval: the aggregate keeps running with its event.
            let other: [String: Any] = ["id": "other", "kind": "log", "options": ["path": directory.appendingPathComponent("o.log").path]]
            #expect(try await TaskRoutesTests.send(client, .post, "/kapacitor/v1/alerts/topics/cpu/handlers", other).status == .ok)
            #expect(runner.topics.handlers(for: "cpu").count == 2)
        }
        #expect(logged.contains("\"message\":\"Received 1 events in the last 300ms.\""), "\(logged)")
    }

    @Test func topicsThatPublishIntoEachOtherNeitherLoopNorMultiply() async throws {
        let runner = TaskRunner.test()
        let app = Application(router: try await TaskService.makeRouter(runner: runner))
        try await app.test(.router) { client in
            for (topic, targets) in [("a", ["b", "c"]), ("b", ["a", "c"]), ("c", ["a", "b"])] {
                let publish: [String: Any] = ["id": "p", "kind": "publish", "options": ["topics": targets]]
                #expect(
                    try await TaskRoutesTests.send(client, .post, "/kapacitor/v1/alerts/topics/\(topic)/handlers", publish).status == .ok)
            }
            var event = Self.event(.critical, previous: .ok, host: "serverA")
            event.topic = "a"
            runner.topics.collect(event)
            for handler in runner.topics.handlers(for: "a") { await handler.handle(event) }
            for topic in ["a", "b", "c"] {
                let (_, summary) = try await TaskRoutesTests.send(client, .get, "/kapacitor/v1/alerts/topics/\(topic)")
                #expect(summary["collected"] as? Int == 1, "\(topic): \(summary)")
            }
        }
    }
}
