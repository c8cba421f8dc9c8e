import Hummingbird
import HummingbirdTesting
import Storage
import SundialTesting
import Testing

@testable import StoreService

@Suite struct PingRoutesTests {
    private func withStore(_ test: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(configuration: .init(directory: directory.path))
        defer { engine.close() }
        let app = Application(router: StoreService.makeRouter(engine: engine))
        try await app.test(.router, test)
    }

    @Test func getAndHeadPingAnswer204WithInfluxHeaders() async throws {
        try await withStore { client in
            for method in [HTTPRequest.Method.get, .head] {
                try await client.execute(uri: "/ping", method: method) { response in
                    #expect(response.status == .noContent)
                    #expect(response.body.readableBytes == 0)
                    #expect(response.headers[.init("X-Influxdb-Version")!] == "1.8.10")
                    #expect(response.headers[.init("X-Influxdb-Build")!] == "OSS")
                    #expect(response.headers[.init("Request-Id")!] != nil)
                }
            }
        }
    }

    @Test func aClientRequestIdIsEchoed() async throws {
        try await withStore { client in
            try await client.execute(uri: "/ping", method: .get, headers: [.init("X-Request-Id")!: "abc-123"]) { response in
                #expect(response.headers[.init("X-Request-Id")!] == "abc-123")
                #expect(response.headers[.init("Request-Id")!] == "abc-123")
            }
        }
    }

    @Test func errorResponsesCarryTheHeadersToo() async throws {
        try await withStore { client in
            try await client.execute(uri: "/no-such-route", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.init("X-Influxdb-Version")!] == "1.8.10")
            }
        }
    }
}
