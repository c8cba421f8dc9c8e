import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import TaskService

/// `.inhibit(category, tags…)` and `.category()` across tasks, as Kapacitor runs them: while a host is down, that
/// host's CPU alerts are held back and counted in `alerts_inhibited`; other hosts' still fire; when it is up again
/// they fire again.
@Suite struct AlertInhibitTests {
    static let down = """
        dbrp "telegraf"."autogen"
        stream
            |from().measurement('up').groupBy('host')
            |alert().crit(lambda: "v" == 0).inhibit('cpu', 'host')
        """
    static let cpu = """
        dbrp "telegraf"."autogen"
        stream
            |from().measurement('cpu').groupBy('host')
            |alert().category('cpu').crit(lambda: "usage_idle" < 10.0)
        """

    @Test func aDownHostInhibitsItsCPUAlertsOnly() async throws {
        let app = Application(router: try await TaskService.makeRouter(runner: .test()))
        try await app.test(.router) { client in
            for (id, script) in [("down", Self.down), ("cpu", Self.cpu)] {
                let (status, _) = try await TaskRoutesTests.send(
                    client, .post, "/kapacitor/v1/tasks", ["id": id, "script": script, "status": "enabled"])
                #expect(status == .ok)
            }
            func write(_ lines: String) async throws {
                try await client.execute(uri: "/kapacitor/v1/write?db=telegraf&rp=autogen", method: .post, body: ByteBuffer(string: lines))
                {
                    #expect($0.status == .noContent)
                }
            }
            func stats() async throws -> [String: Any] {
                let (_, task) = try await TaskRoutesTests.send(client, .get, "/kapacitor/v1/tasks/cpu")
                return ((task["stats"] as? [String: Any])?["node-stats"] as? [String: Any])?["alert2"] as? [String: Any] ?? [:]
            }
            try await write("up,host=a v=0 1\n")
            try await write("cpu,host=a usage_idle=5 2\ncpu,host=b usage_idle=5 2\n")
            var counted = try await stats()
            for _ in 0..<100 where (counted["alerts_inhibited"] as? Int ?? 0) + (counted["alerts_triggered"] as? Int ?? 0) < 2 {
                try await Task.sleep(for: .milliseconds(20))
                counted = try await stats()
            }
            #expect(counted["alerts_inhibited"] as? Int == 1 && counted["alerts_triggered"] as? Int == 1, "\(counted)")
            // Host a is up again: its next CPU state change fires.
            try await write("up,host=a v=1 3\n")
            try await write("cpu,host=a usage_idle=50 4\ncpu,host=a usage_idle=5 5\n")
            for _ in 0..<100 where (counted["alerts_triggered"] as? Int ?? 0) < 3 {
                try await Task.sleep(for: .milliseconds(20))
                counted = try await stats()
            }
            #expect(counted["alerts_triggered"] as? Int == 3 && counted["alerts_inhibited"] as? Int == 1, "\(counted)")
        }
    }
}
