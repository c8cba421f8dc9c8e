import CompressNIO
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import TaskService

/// Enabled tasks run: data written to `/kapacitor/v1/write` flows through them, their stats, httpOut endpoints and
/// alert topics show it, and tasks that cannot run say why.
@Suite struct TaskExecutionTests {
    static let alertScript = """
        dbrp "telegraf"."autogen"
        stream
            |from().measurement('cpu').groupBy('host')
            |window().period(10s).every(10s)
            |mean('usage_idle')
            |alert()
                .id('cpu:{{ index .Tags "host" }}')
                .crit(lambda: "mean" < 10.0)
                .message('{{ .ID }} is {{ .Level }}: {{ index .Fields "mean" | printf "%0.1f" }}')
            |httpOut('out')
        """

    private func write(_ client: some TestClientProtocol, _ lines: String, query: String = "db=telegraf&rp=autogen&precision=s")
        async throws -> (HTTPResponse.Status, String)
    {
        try await client.execute(uri: "/kapacitor/v1/write?\(query)", method: .post, body: ByteBuffer(string: lines)) { response in
            (response.status, String(buffer: response.body))
        }
    }

    @Test func writtenPointsRunThroughAnEnabledTaskToItsStatsOutputAndTopic() async throws {
        let app = Application(router: try await TaskService.makeRouter(runner: .test()))
        try await app.test(.router) { client in
            let (status, created) = try await TaskRoutesTests.send(
                client, .post, "/kapacitor/v1/tasks", ["id": "cpu_alert", "script": Self.alertScript, "status": "enabled"])
            #expect(status == .ok)
            #expect(created["executing"] as? Bool == true)
            let lines = (0..<12).map { "cpu,host=a usage_idle=\($0 < 10 ? 5 : 50) \(100 + $0)" }.joined(separator: "\n")
            #expect(try await write(client, lines).0 == .noContent)

            let (_, task) = try await TaskRoutesTests.send(client, .get, "/kapacitor/v1/tasks/cpu_alert")
            let nodes = try #require((task["stats"] as? [String: Any])?["node-stats"] as? [String: [String: Any]])
            #expect(nodes["from1"]?["emitted"] as? Int == 12)
            #expect(nodes["window2"]?["emitted"] as? Int == 1)
            #expect(nodes["alert4"]?["crits_triggered"] as? Int == 1)
            let dot = try #require(task["dot"] as? String)
            #expect(dot.contains("graph [throughput="))
            #expect(dot.contains("from1 -> window2 [processed=\"12\"];"))

            let (outputStatus, output) = try await TaskRoutesTests.send(client, .get, "/kapacitor/v1/tasks/cpu_alert/out")
            #expect(outputStatus == .ok)
            let series = try #require((output["series"] as? [[String: Any]])?.first)
            #expect(series["columns"] as? [String] == ["time", "mean"])
            #expect((series["values"] as? [[Any]])?.first?.first as? String == "1970-01-01T00:01:50Z")

            let (_, topics) = try await TaskRoutesTests.send(client, .get, "/kapacitor/v1/alerts/topics")
            let topic = try #require((topics["topics"] as? [[String: Any]])?.first)
            #expect(topic["id"] as? String == "main:cpu_alert:alert4")
            #expect(topic["level"] as? String == "CRITICAL")
            let (_, events) = try await TaskRoutesTests.send(client, .get, "/kapacitor/v1/alerts/topics/main:cpu_alert:alert4/events")
            let event = try #require((events["events"] as? [[String: Any]])?.first)
            #expect(event["id"] as? String == "cpu:a")
            let state = try #require(event["state"] as? [String: Any])
            #expect(state["message"] as? String == "cpu:a is CRITICAL: 5.0")
            #expect(state["time"] as? String == "1970-01-01T00:01:50Z")
            let (eventStatus, single) = try await TaskRoutesTests.send(
                client, .get, "/kapacitor/v1/alerts/topics/main:cpu_alert:alert4/events/cpu:a")
            #expect(eventStatus == .ok && single["id"] as? String == "cpu:a")

            let (_, disabled) = try await TaskRoutesTests.send(client, .patch, "/kapacitor/v1/tasks/cpu_alert", ["status": "disabled"])
            #expect(disabled["executing"] as? Bool == false)
            #expect((disabled["stats"] as? [String: Any])?.isEmpty == true)
        }
    }

    @Test func aTaskWithANodeTheEngineCannotRunIsSavedDisabledWithTheReason() async throws {
        let app = Application(router: try await TaskService.makeRouter(runner: .test()))
        try await app.test(.router) { client in
            let script = "dbrp \"telegraf\".\"autogen\"\nstream\n    |from().measurement('cpu')\n    |barrier().idle(1m)\n"
            let (status, body) = try await TaskRoutesTests.send(
                client, .post, "/kapacitor/v1/tasks", ["id": "flat", "script": script, "status": "enabled"])
            #expect(status == .badRequest)
            #expect((body["error"] as? String)?.contains("barrier") == true)
            let (_, task) = try await TaskRoutesTests.send(client, .get, "/kapacitor/v1/tasks/flat")
            #expect(task["status"] as? String == "disabled")
            #expect(task["executing"] as? Bool == false)
            #expect((task["error"] as? String)?.contains("barrier2") == true)
        }
    }

    @Test func writeErrorsArePlainTextAndGoodLinesStillArrive() async throws {
        let app = Application(router: try await TaskService.makeRouter(runner: .test()))
        try await app.test(.router) { client in
            let script = "dbrp \"telegraf\".\"autogen\"\nstream\n    |from().measurement('cpu')\n    |httpOut('raw')\n"
            _ = try await TaskRoutesTests.send(client, .post, "/kapacitor/v1/tasks", ["id": "raw", "script": script, "status": "enabled"])
            let missing = try await write(client, "cpu value=1 1", query: "precision=s")
            #expect(missing == (.badRequest, "database is required\n"))
            let (status, text) = try await write(client, "cpu value=1 1\ncpu value= 2\n")
            #expect(status == .badRequest)
            #expect(text.hasPrefix("unable to parse 'cpu value= 2'"))
            let (_, output) = try await TaskRoutesTests.send(client, .get, "/kapacitor/v1/tasks/raw/raw")
            #expect((output["series"] as? [[String: Any]])?.count == 1)
            let (missingTopic, _) = try await TaskRoutesTests.send(client, .get, "/kapacitor/v1/alerts/topics/nope/events")
            #expect(missingTopic == .notFound)
        }
    }

    @Test func gzipWritesAreReadAndBadGzipIsA400() async throws {
        let app = Application(router: try await TaskService.makeRouter(runner: .test()))
        try await app.test(.router) { client in
            let script = "dbrp \"telegraf\".\"autogen\"\nstream\n    |from().measurement('cpu')\n    |httpOut('raw')\n"
            _ = try await TaskRoutesTests.send(client, .post, "/kapacitor/v1/tasks", ["id": "raw", "script": script, "status": "enabled"])
            var plain = ByteBuffer(string: "cpu value=7 1\n")
            let gzipped = try plain.compress(with: .gzip())
            try await client.execute(
                uri: "/kapacitor/v1/write?db=telegraf&rp=autogen&precision=s", method: .post, headers: [.contentEncoding: "gzip"],
                body: gzipped
            ) { response in #expect(response.status == .noContent) }
            let (_, output) = try await TaskRoutesTests.send(client, .get, "/kapacitor/v1/tasks/raw/raw")
            #expect(((output["series"] as? [[String: Any]])?.first?["values"] as? [[Any]])?.first?.last as? Int == 7)
            try await client.execute(
                uri: "/kapacitor/v1/write?db=telegraf", method: .post, headers: [.contentEncoding: "gzip"],
                body: ByteBuffer(string: "not gzip")
            ) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).hasPrefix("gzip: invalid or truncated body"))
            }
        }
    }

    @Test func debugVarsShowTheTasksNodesAndIngress() async throws {
        let runner = TaskRunner(writer: nil, clusterID: "c-1", hostname: "box", logger: Logger(label: "test"))
        let app = Application(router: try await TaskService.makeRouter(runner: runner))
        try await app.test(.router) { client in
            _ = try await TaskRoutesTests.send(
                client, .post, "/kapacitor/v1/tasks", ["id": "cpu_alert", "script": Self.alertScript, "status": "enabled"])
            _ = try await TaskRoutesTests.send(client, .post, "/kapacitor/v1/tasks", ["id": "idle", "script": Self.alertScript])
            #expect(try await write(client, "cpu,host=a usage_idle=5 1\ncpu,host=a usage_idle=6 2").0 == .noContent)
            let (status, vars) = try await TaskRoutesTests.send(client, .get, "/kapacitor/v1/debug/vars")
            #expect(status == .ok)
            #expect(vars["product"] as? String == "kapacitor" && vars["cluster_id"] as? String == "c-1" && vars["host"] as? String == "box")
            #expect(vars["num_tasks"] as? Int == 2 && vars["num_enabled_tasks"] as? Int == 1)
            let entries = try #require(vars["kapacitor"] as? [String: [String: Any]])
            #expect((entries["ingress"]?["values"] as? [String: Any])?["points_received"] as? Int == 2)
            let from = try #require(entries["cpu_alert:from1"])
            #expect(from["name"] as? String == "nodes")
            #expect(
                from["tags"] as? [String: String] == [
                    "host": "box", "task": "cpu_alert", "node": "from1", "type": "stream", "kind": "from",
                ])
            #expect((from["values"] as? [String: Any])?["emitted"] as? Int == 2)
        }
    }
}
