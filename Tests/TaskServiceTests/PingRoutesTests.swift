import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import TaskService

@Suite struct PingRoutesTests {
    @Test(arguments: ["/kapacitor/v1/ping", "/kapacitor/v1preview/ping"])
    func pingAnswers204WithKapacitorHeaders(_ path: String) async throws {
        let app = Application(router: try await TaskService.makeRouter(runner: .test()))
        try await app.test(.router) { client in
            for method in [HTTPRequest.Method.get, .head] {
                try await client.execute(uri: path, method: method) { response in
                    #expect(response.status == .noContent)
                    #expect(response.headers[.init("X-Kapacitor-Version")!] == TaskService.kapacitorVersion)
                    #expect(response.headers[.init("Request-Id")!] != nil)
                }
            }
        }
    }

    @Test func unknownRoutesAre404WithTheVersionHeader() async throws {
        let app = Application(router: try await TaskService.makeRouter(runner: .test()))
        try await app.test(.router) { client in
            try await client.execute(uri: "/kapacitor/v1/nothing", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.init("X-Kapacitor-Version")!] == TaskService.kapacitorVersion)
            }
        }
    }

    @Test func theServiceAnswersOnARealSocket() async throws {
        let app = try await TaskService.makeApplication(
            configuration: .init(host: "127.0.0.1", port: 0), databasePath: nil, runner: .test(), logger: .init(label: "test"))
        try await app.test(.live) { client in
            try await client.execute(uri: "/kapacitor/v1/ping", method: .get) { response in
                #expect(response.status == .noContent)
            }
        }
    }
}
