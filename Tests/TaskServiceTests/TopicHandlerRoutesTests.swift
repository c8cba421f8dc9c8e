import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import TaskService

/// Handlers configured on a topic through the API: stored, listed with secrets blanked, patched, deleted, and run
/// for the events a task's alert publishes to that topic.
@Suite struct TopicHandlerRoutesTests {
    static let script = """
        dbrp "telegraf"."autogen"
        stream
            |from().measurement('cpu')
            |alert().crit(lambda: "usage_idle" < 10.0).topic('cpu').id('cpu')
        """

    @Test func aLogHandlerOnATopicGetsTheEventsItsAlertsPublish() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("topic-handlers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("cpu.log").path
        let app = Application(router: try await TaskService.makeRouter(runner: .test()))
        try await app.test(.router) { client in
            let handler: [String: Any] = [
                "id": "to-file", "kind": "log", "options": ["path": log, "mode": 0o644, "token": "s3cret"],
            ]
            let (created, body) = try await TaskRoutesTests.send(client, .post, "/kapacitor/v1/alerts/topics/cpu/handlers", handler)
            #expect(created == .ok)
            #expect((body["options"] as? [String: Any])?["token"] as? String == "", "secrets are never returned")
            let (duplicate, _) = try await TaskRoutesTests.send(client, .post, "/kapacitor/v1/alerts/topics/cpu/handlers", handler)
            #expect(duplicate == .badRequest)
            let (badKind, _) = try await TaskRoutesTests.send(
                client, .post, "/kapacitor/v1/alerts/topics/cpu/handlers", ["id": "x", "kind": "carrier-pigeon"])
            #expect(badKind == .badRequest)

            _ = try await TaskRoutesTests.send(
                client, .post, "/kapacitor/v1/tasks", ["id": "cpu", "script": Self.script, "status": "enabled"])
            try await client.execute(
                uri: "/kapacitor/v1/write?db=telegraf&rp=autogen", method: .post, body: ByteBuffer(string: "cpu usage_idle=5 1\n")
            ) { response in #expect(response.status == .noContent) }
            var logged = ""
            for _ in 0..<50 where logged.isEmpty {
                logged = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                if logged.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(logged.contains("\"id\":\"cpu\"") && logged.contains("\"level\":\"CRITICAL\""))

            let patch = [["op": "replace", "path": "/options/path", "value": log + ".2"]]
            let data = try JSONSerialization.data(withJSONObject: patch)
            try await client.execute(
                uri: "/kapacitor/v1/alerts/topics/cpu/handlers/to-file", method: .patch, body: ByteBuffer(bytes: data)
            ) { response in #expect(response.status == .ok) }
            let (_, listed) = try await TaskRoutesTests.send(client, .get, "/kapacitor/v1/alerts/topics/cpu/handlers")
            let options = (listed["handlers"] as? [[String: Any]])?.first?["options"] as? [String: Any]
            #expect(options?["path"] as? String == log + ".2")
            let (deleted, _) = try await TaskRoutesTests.send(client, .delete, "/kapacitor/v1/alerts/topics/cpu/handlers/to-file")
            #expect(deleted == .noContent)
            let (missing, _) = try await TaskRoutesTests.send(client, .get, "/kapacitor/v1/alerts/topics/cpu/handlers/to-file")
            #expect(missing == .notFound)
        }
    }

    /// A post handler's URL password and header values never come back in a GET (they are API keys under any name).
    @Test func urlPasswordsAndHeaderValuesAreNotShown() {
        let shown = TopicHandlerRoutes.redacted([
            "url": "https://hook:p4ss@alerts.example/in", "headers": ["X-Routing": "team-a-secret"], "plain": "http://x.example/",
        ])
        #expect(shown["url"] as? String == "https://hook:REDACTED@alerts.example/in")
        #expect(shown["headers"] as? [String: String] == ["X-Routing": ""])
        #expect(shown["plain"] as? String == "http://x.example/")
    }
}
