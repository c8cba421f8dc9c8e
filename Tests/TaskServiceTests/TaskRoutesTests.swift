import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import TaskService

/// The tasks and templates API with Kapacitor's JSON, over a real router and SQLite.
@Suite struct TaskRoutesTests {
    static let cpuScript = """
        dbrp "telegraf"."autogen"
        stream
            |from()
                .measurement('cpu')
            |window()
                .period(10s)
                .every(10s)
            |mean('usage_idle')
            |httpOut('out')
        """

    static func send(
        _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, _ body: [String: Any]? = nil
    ) async throws -> (status: HTTPResponse.Status, json: [String: Any]) {
        let data = try body.map { try JSONSerialization.data(withJSONObject: $0) }
        return try await client.execute(uri: uri, method: method, body: data.map { ByteBuffer(bytes: $0) }) { response in
            let bytes = Data(response.body.readableBytesView)
            let json = bytes.isEmpty ? [:] : (try JSONSerialization.jsonObject(with: bytes) as? [String: Any] ?? [:])
            return (response.status, json)
        }
    }

    @Test func createdTaskShowsKapacitorsFieldsAndDot() async throws {
        let app = Application(router: try await TaskService.makeRouter(runner: .test()))
        try await app.test(.router) { client in
            let (status, task) = try await Self.send(client, .post, "/kapacitor/v1/tasks", ["id": "cpu", "script": Self.cpuScript])
            #expect(status == .ok)
            #expect(task["id"] as? String == "cpu")
            #expect(task["type"] as? String == "stream")
            #expect(task["status"] as? String == "disabled")
            #expect(task["executing"] as? Bool == false)
            #expect((task["dbrps"] as? [[String: String]]) == [["db": "telegraf", "rp": "autogen"]])
            #expect(
                task["dot"] as? String == "digraph cpu {\nstream0 -> from1;\nfrom1 -> window2;\nwindow2 -> mean3;\nmean3 -> http_out4;\n}")
            #expect((task["link"] as? [String: String])?["href"] == "/kapacitor/v1/tasks/cpu")
            #expect(task["last-enabled"] as? String == "0001-01-01T00:00:00Z")
            let (getStatus, fetched) = try await Self.send(client, .get, "/kapacitor/v1/tasks/cpu")
            #expect(getStatus == .ok)
            #expect(fetched["script"] as? String == Self.cpuScript + "\n")
        }
    }

    @Test func invalidScriptsAnd400sCarryTheCheckersMessageWithPosition() async throws {
        let app = Application(router: try await TaskService.makeRouter(runner: .test()))
        try await app.test(.router) { client in
            let bad = "dbrp \"db\".\"rp\"\nstream\n    |from()\n    |window()\n        .perod(10s)\n"
            let (status, body) = try await Self.send(client, .post, "/kapacitor/v1/tasks", ["id": "bad", "script": bad])
            #expect(status == .badRequest)
            let message = try #require(body["error"] as? String)
            #expect(message.hasPrefix("invalid TICKscript: 5:9: no property perod() on window"))
            #expect(body["message"] as? String == message)
            let (missing, noDBRP) = try await Self.send(client, .post, "/kapacitor/v1/tasks", ["id": "x", "script": "stream|from()"])
            #expect(missing == .badRequest)
            #expect(noDBRP["error"] as? String == "must specify dbrp")
            let (both, bothBody) = try await Self.send(
                client, .post, "/kapacitor/v1/tasks", ["id": "y", "script": Self.cpuScript, "dbrps": [["db": "a", "rp": "b"]]])
            #expect(both == .badRequest)
            #expect(bothBody["error"] as? String == "cannot specify dbrp in both implicitly and explicitly")
            let (wrongType, typeBody) = try await Self.send(
                client, .post, "/kapacitor/v1/tasks", ["id": "z", "type": "batch", "script": Self.cpuScript])
            #expect(wrongType == .badRequest)
            #expect((typeBody["error"] as? String)?.contains("the task's type is batch, but the script starts from stream") == true)
            let notSelect = "batch\n    |query('DROP DATABASE telegraf')\n        .every(1m)\n"
            let (dropStatus, dropBody) = try await Self.send(
                client, .post, "/kapacitor/v1/tasks", ["id": "q", "script": notSelect, "dbrps": [["db": "a", "rp": "b"]]])
            #expect(dropStatus == .badRequest)
            #expect(
                dropBody["error"] as? String == "invalid TICKscript: 2:5: query() takes a SELECT statement, not another kind of statement")
            let twoQueries = "batch\n    |query('SELECT a FROM m; SELECT b FROM m')\n        .every(1m)\n"
            let (twoStatus, twoBody) = try await Self.send(
                client, .post, "/kapacitor/v1/tasks", ["id": "q", "script": twoQueries, "dbrps": [["db": "a", "rp": "b"]]])
            #expect(twoStatus == .badRequest)
            #expect(twoBody["error"] as? String == "invalid TICKscript: 2:5: query() takes exactly one SELECT statement, got 2")
            let loop = "stream|from()|kapacitorLoopback().database('a').retentionPolicy('b')"
            let (loopStatus, loopBody) = try await Self.send(
                client, .post, "/kapacitor/v1/tasks", ["id": "loop", "script": loop, "dbrps": [["db": "a", "rp": "b"]]])
            #expect(loopStatus == .badRequest)
            #expect(loopBody["error"] as? String == "invalid TICKscript: loop detected on dbrp: \"a\".\"b\"")
            let (badID, _) = try await Self.send(client, .post, "/kapacitor/v1/tasks", ["id": "a b", "script": Self.cpuScript])
            #expect(badID == .badRequest)
            let (list, listed) = try await Self.send(client, .get, "/kapacitor/v1/tasks")
            #expect(list == .ok)
            #expect((listed["tasks"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func listPagesFiltersByPatternAndSelectsFields() async throws {
        let app = Application(router: try await TaskService.makeRouter(runner: .test()))
        try await app.test(.router) { client in
            for id in ["cpu_a", "cpu_b", "mem_a"] {
                _ = try await Self.send(client, .post, "/kapacitor/v1/tasks", ["id": id, "script": Self.cpuScript])
            }
            let (_, all) = try await Self.send(client, .get, "/kapacitor/v1/tasks?pattern=cpu_*&fields=status")
            let tasks = try #require(all["tasks"] as? [[String: Any]])
            #expect(tasks.map { $0["id"] as? String } == ["cpu_a", "cpu_b"])
            #expect(Set(tasks[0].keys) == ["id", "link", "status"])
            let (_, page) = try await Self.send(client, .get, "/kapacitor/v1/tasks?offset=1&limit=1")
            #expect((page["tasks"] as? [[String: Any]])?.map { $0["id"] as? String } == ["cpu_b"])
        }
    }

    @Test func patchChangesStatusAndScriptAndDeleteIs204() async throws {
        let app = Application(router: try await TaskService.makeRouter(runner: .test()))
        try await app.test(.router) { client in
            _ = try await Self.send(client, .post, "/kapacitor/v1/tasks", ["id": "t", "script": Self.cpuScript])
            let (status, enabled) = try await Self.send(client, .patch, "/kapacitor/v1/tasks/t", ["status": "enabled"])
            #expect(status == .ok)
            #expect(enabled["status"] as? String == "enabled")
            #expect(enabled["last-enabled"] as? String != "0001-01-01T00:00:00Z")
            let (badPatch, _) = try await Self.send(client, .patch, "/kapacitor/v1/tasks/t", ["script": "stream|from().nope()"])
            #expect(badPatch == .badRequest)
            let (_, unchanged) = try await Self.send(client, .get, "/kapacitor/v1/tasks/t?script-format=raw")
            #expect(unchanged["script"] as? String == Self.cpuScript)
            #expect(try await Self.send(client, .delete, "/kapacitor/v1/tasks/t").status == .noContent)
            #expect(try await Self.send(client, .get, "/kapacitor/v1/tasks/t").status == .notFound)
            #expect(try await Self.send(client, .delete, "/kapacitor/v1/tasks/t").status == .noContent)
        }
    }

    @Test func tasksFromTemplatesTakeTypedVarsAndFollowTemplateChanges() async throws {
        let app = Application(router: try await TaskService.makeRouter(runner: .test()))
        let template = """
            // Which measurement to watch
            var measurement string
            var warn = 80.0
            stream
                |from()
                    .measurement(measurement)
                |alert()
                    .warn(lambda: "usage" > warn)
            """
        try await app.test(.router) { client in
            let (created, body) = try await Self.send(client, .post, "/kapacitor/v1/templates", ["id": "tpl", "script": template])
            #expect(created == .ok)
            let vars = try #require(body["vars"] as? [String: [String: Any]])
            #expect(vars["measurement"]?["type"] as? String == "string")
            #expect(vars["measurement"]?["description"] as? String == "Which measurement to watch")
            #expect(vars["warn"]?["value"] as? Double == 80)
            let taskBody: [String: Any] = [
                "id": "from_tpl", "template-id": "tpl", "dbrps": [["db": "telegraf", "rp": "autogen"]],
                "vars": ["measurement": ["type": "string", "value": "cpu"], "warn": ["type": "float", "value": 90.5]],
            ]
            let (taskStatus, task) = try await Self.send(client, .post, "/kapacitor/v1/tasks", taskBody)
            #expect(taskStatus == .ok)
            #expect(task["template-id"] as? String == "tpl")
            var wrong = taskBody
            wrong["id"] = "wrong"
            wrong["vars"] = ["measurement": ["type": "int", "value": 3]]
            let (wrongStatus, wrongBody) = try await Self.send(client, .post, "/kapacitor/v1/tasks", wrong)
            #expect(wrongStatus == .badRequest)
            #expect((wrongBody["error"] as? String)?.contains("invalid type supplied for var \"measurement\"") == true)
            let changed = template.replacingOccurrences(of: "|alert()", with: "|alert()\n        .crit(lambda: \"usage\" > 99.0)")
            let (patched, _) = try await Self.send(client, .patch, "/kapacitor/v1/templates/tpl", ["script": changed])
            #expect(patched == .ok)
            let (_, rebuilt) = try await Self.send(client, .get, "/kapacitor/v1/tasks/from_tpl?script-format=raw")
            #expect((rebuilt["script"] as? String)?.contains(".crit(lambda") == true)
        }
    }

    @Test func everyVarTypeIsReadAndBadVarsAre400() async throws {
        let app = Application(router: try await TaskService.makeRouter(runner: .test()))
        let template = """
            var period duration
            var limit int
            var ratio float
            var on bool
            var hosts regex
            var check lambda
            var tags list
            var everything star
            stream
                |from()
                    .where(lambda: "host" =~ hosts AND on)
                    .groupBy(tags)
                |window()
                    .period(period)
                    .everyCount(limit)
                |stateCount(check)
                |alert()
                    .flapping(ratio, 0.9)
            """
        try await app.test(.router) { client in
            _ = try await Self.send(
                client, .post, "/kapacitor/v1/templates",
                ["id": "all", "script": template.replacingOccurrences(of: ".everyCount(limit)", with: "")])
            let vars: [String: Any] = [
                "period": ["type": "duration", "value": "1m"], "limit": ["type": "int", "value": 5],
                "ratio": ["type": "float", "value": 0.5],
                "on": ["type": "bool", "value": true], "hosts": ["type": "regex", "value": "^web"],
                "check": ["type": "lambda", "value": "\"value\" > 10"],
                "tags": ["type": "list", "value": [["type": "string", "value": "host"], ["type": "star"]]], "everything": ["type": "star"],
            ]
            let body: [String: Any] = ["id": "typed", "template-id": "all", "dbrps": [["db": "a", "rp": "b"]], "vars": vars]
            let (status, task) = try await Self.send(client, .post, "/kapacitor/v1/tasks", body)
            #expect(status == .ok)
            let stored = try #require(task["vars"] as? [String: [String: Any]])
            #expect(stored["period"]?["value"] as? String == "1m")
            #expect(stored["check"]?["value"] as? String == "\"value\" > 10")
            var badType = body
            badType["id"] = "bad1"
            badType["vars"] = ["limit": ["type": "number", "value": 5]]
            let (unknown, unknownBody) = try await Self.send(client, .post, "/kapacitor/v1/tasks", badType)
            #expect(unknown == .badRequest)
            #expect((unknownBody["error"] as? String)?.hasPrefix("invalid var: unknown var type \"number\"") == true)
            var badLambda = body
            badLambda["id"] = "bad2"
            badLambda["vars"] = ["check": ["type": "lambda", "value": "\"value\" >"]]
            let (lambda, lambdaBody) = try await Self.send(client, .post, "/kapacitor/v1/tasks", badLambda)
            #expect(lambda == .badRequest)
            #expect((lambdaBody["error"] as? String)?.hasPrefix("invalid var: lambda \"\"value\" >\": unexpected end of script") == true)
        }
    }

    @Test func definitionsSurviveARestart() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tasks-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await Application(router: try await TaskService.makeRouter(databasePath: path, runner: .test())).test(.router) { client in
            _ = try await Self.send(client, .post, "/kapacitor/v1/tasks", ["id": "kept", "script": Self.cpuScript])
        }
        try await Application(router: try await TaskService.makeRouter(databasePath: path, runner: .test())).test(.router) { client in
            let (status, task) = try await Self.send(client, .get, "/kapacitor/v1/tasks/kept")
            #expect(status == .ok)
            #expect(task["type"] as? String == "stream")
        }
    }
}
