import Hummingbird
import HummingbirdTesting
import SundialTesting
import Testing

@testable import TaskService

/// A task whose start the process died in twice in a row is left disabled at the next start-up, with the reason; in
/// safe mode no stored task starts at all.
@Suite struct TaskStartGuardTests {
    private static let script = "dbrp \"db\".\"autogen\"\nstream|from().measurement('m')|httpOut('out')"

    /// A tasks database holding the enabled task `t`, as the previous server left it.
    private func storeWithEnabledTask(_ directory: TemporaryDirectory) async throws -> String {
        let path = directory.path + "/tasks.sqlite"
        let runner = TaskRunner.test()
        let app = Application(router: try await TaskService.makeRouter(databasePath: path, runner: runner))
        try await app.test(.router) { client in
            let (status, _) = try await TaskRoutesTests.send(
                client, .post, "/kapacitor/v1/tasks", ["id": "t", "script": Self.script, "status": "enabled"])
            #expect(status == .ok)
        }
        await runner.stopAll()
        return path
    }

    @Test func aTaskWhoseStartTheProcessDiedInOnceStartsAgain() async throws {
        let directory = TemporaryDirectory()
        let path = try await storeWithEnabledTask(directory)
        // The journal entry a start leaves when the process dies inside it (a kill -9, say).
        try TaskStore(path: path).beginStarting("t")
        let runner = TaskRunner.test()
        _ = try await TaskService.makeRouter(databasePath: path, runner: runner)
        #expect(runner.executing("t") != nil)
        await runner.stopAll()
        #expect(try TaskStore(path: path).interruptedStarts().isEmpty)
    }

    @Test func aTaskWhoseStartTheProcessDiedInTwiceIsLeftDisabledWithTheReason() async throws {
        let directory = TemporaryDirectory()
        let path = try await storeWithEnabledTask(directory)
        try TaskStore(path: path).beginStarting("t")
        try TaskStore(path: path).beginStarting("t")
        let runner = TaskRunner.test()
        let app = Application(router: try await TaskService.makeRouter(databasePath: path, runner: runner))
        #expect(runner.executing("t") == nil)
        try await app.test(.router) { client in
            let (_, task) = try await TaskRoutesTests.send(client, .get, "/kapacitor/v1/tasks/t")
            #expect(task["status"] as? String == "disabled")
            #expect((task["error"] as? String)?.contains("the server stopped 2 times in a row while this task was starting") == true)
            // Enabled again by hand, it starts (its start now finishes and leaves no journal entry).
            let (status, enabled) = try await TaskRoutesTests.send(client, .patch, "/kapacitor/v1/tasks/t", ["status": "enabled"])
            #expect(status == .ok && enabled["executing"] as? Bool == true)
        }
        await runner.stopAll()
        #expect(try TaskStore(path: path).interruptedStarts().isEmpty)
    }

    @Test func safeModeStartsNoStoredTask() async throws {
        let directory = TemporaryDirectory()
        let path = try await storeWithEnabledTask(directory)
        let runner = TaskRunner.test()
        let app = Application(router: try await TaskService.makeRouter(databasePath: path, runner: runner, isSafeMode: true))
        #expect(runner.executing("t") == nil)
        try await app.test(.router) { client in
            let (_, task) = try await TaskRoutesTests.send(client, .get, "/kapacitor/v1/tasks/t")
            #expect(task["status"] as? String == "enabled")
            #expect(task["executing"] as? Bool == false)
        }
        let normal = TaskRunner.test()
        _ = try await TaskService.makeRouter(databasePath: path, runner: normal)
        #expect(normal.executing("t") != nil)
        await normal.stopAll()
    }
}
