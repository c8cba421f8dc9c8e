import Alerting
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SundialConfig
import Testing

@testable import TaskService

/// Kapacitor's config API writes: an update is stored, shown (secrets as whether they are set), applied to the running
/// services at once, applied again over the file at the next start, and refused with Kapacitor's texts.
@Suite struct ConfigRoutesTests {
    private static func runner(_ configuration: SundialConfiguration = .init()) -> TaskRunner {
        TaskRunner(writer: nil, handlerServices: HandlerServices(configuration: configuration), logger: Logger(label: "test"))
    }

    @Test func anUpdateIsShownRedactedAppliedAtOnceAndKeptAcrossAStart() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("config-routes-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let runner = Self.runner()
        let app = Application(router: try await TaskService.makeRouter(databasePath: path, runner: runner))
        try await app.test(.router) { client in
            let set: [String: Any] = ["set": ["enabled": true, "url": "http://127.0.0.1:9/hooks/s3cret", "channel": "#ops"]]
            let (status, _) = try await TaskRoutesTests.send(client, .post, "/kapacitor/v1/config/slack/", set)
            #expect(status == .noContent)
            #expect(
                runner.handlerServices.configuration.slackWorkspaces.first?.url == "http://127.0.0.1:9/hooks/s3cret",
                "running tasks see it at once")
            let (_, element) = try await TaskRoutesTests.send(client, .get, "/kapacitor/v1/config/slack/")
            let options = element["options"] as? [String: Any] ?? [:]
            #expect(options["url"] as? Bool == true && options["channel"] as? String == "#ops" && options["enabled"] as? Bool == true)
            let everything = try await client.execute(uri: "/kapacitor/v1/config", method: .get) { String(buffer: $0.body) }
            #expect(!everything.contains("s3cret"))

            let add: [String: Any] = ["add": ["workspace": "private", "enabled": true, "url": "http://127.0.0.1:9/p"]]
            #expect(try await TaskRoutesTests.send(client, .post, "/kapacitor/v1/config/slack", add).status == .noContent)
            let (_, section) = try await TaskRoutesTests.send(client, .get, "/kapacitor/v1/config/slack")
            #expect((section["elements"] as? [[String: Any]])?.count == 2)
        }
        // The next start applies the stored overrides over the file's configuration.
        let restarted = Self.runner()
        _ = try await TaskService.makeRouter(databasePath: path, runner: restarted)
        #expect(restarted.handlerServices.configuration.slackWorkspaces.map(\.workspace) == ["", "private"])
        #expect(restarted.handlerServices.configuration.slackWorkspaces.first?.channel == "#ops")
        let skipping = Self.runner()
        _ = try await TaskService.makeRouter(databasePath: path, runner: skipping, configOverrides: .init(appliesStoredOverrides: false))
        #expect(skipping.handlerServices.configuration.slackWorkspaces.first?.channel == "", "skip-config-overrides")
    }

    @Test func refusalsUseKapacitorsStatusesAndTexts() async throws {
        let app = Application(router: try await TaskService.makeRouter(runner: Self.runner()))
        try await app.test(.router) { client in
            func refusal(_ uri: String, _ body: [String: Any]) async throws -> (HTTPResponse.Status, String?) {
                let (status, json) = try await TaskRoutesTests.send(client, .post, uri, body)
                return (status, json["error"] as? String)
            }
            let invalid = try await refusal("/kapacitor/v1/config/slack/", ["set": ["enabled": true]])
            #expect(invalid == (.badRequest, "failed to override configuration slack/: failed validation: must specify url"))
            let noSlash = try await refusal("/kapacitor/v1/config/slack", ["set": ["channel": "#x"]])
            #expect(
                noSlash == (
                    .badRequest, "failed to apply update: invalid update action: element not specified, are you missing a trailing '/'?"
                ))
            let unknown = try await refusal("/kapacitor/v1/config/smtp/", ["set": ["hostname": "x"]])
            #expect(unknown == (.badRequest, "failed to override configuration smtp/: unknown options [hostname] in section smtp"))
            let (status, _) = try await TaskRoutesTests.send(client, .get, "/kapacitor/v1/config/slack/")
            #expect(status == .ok)
        }
        let closed = Application(router: try await TaskService.makeRouter(runner: Self.runner(), configOverrides: .init(isEnabled: false)))
        try await closed.test(.router) { client in
            for method in [HTTPRequest.Method.get, .post] {
                let (status, json) = try await TaskRoutesTests.send(
                    client, method, "/kapacitor/v1/config/slack/", ["set": ["channel": "#x"]])
                #expect(status == .forbidden && json["error"] as? String == "config override service is not enabled")
            }
        }
    }

    @Test func anOverrideThatNoLongerAppliesDoesNotBlockOtherSections() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("config-stale-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        // An override stored when the file had a key it no longer takes.
        try TaskStore(path: path).replaceConfigOverrides(
            section: "smtp", with: [ConfigOverride(section: "smtp", element: "", options: ["no-such-key": .bool(true)])])
        let runner = Self.runner()
        let app = Application(router: try await TaskService.makeRouter(databasePath: path, runner: runner))
        try await app.test(.router) { client in
            let set: [String: Any] = ["set": ["channel": "#ops"]]
            let (status, _) = try await TaskRoutesTests.send(client, .post, "/kapacitor/v1/config/slack/", set)
            #expect(status == .noContent)
            #expect(runner.handlerServices.configuration.slackWorkspaces.first?.channel == "#ops")
        }
    }
}
