import Hummingbird
import HummingbirdTesting
import Storage
import StoreAccess
import SundialTesting
import Testing

@testable import StoreService

@Suite struct PingRoutesTests {
    private func withStore(_ test: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(configuration: .init(directory: directory.path))
        defer { engine.close() }
        let app = Application(router: StoreService.makeRouter(engine: engine, access: try AccessStore(directory: directory.path)))
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

    @Test func freshRequestIDsAreVersion4UUIDs() throws {
        let pattern = try Regex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
        let ids = (0..<200).map { _ in InfluxHeaders.freshRequestID() }
        #expect(ids.allSatisfy { $0.wholeMatch(of: pattern) != nil }, "\(ids.prefix(3))")
        #expect(Set(ids).count == ids.count)
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

@Suite struct InfluxEdgeRoutesTests {
    private func withStore(_ test: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(configuration: .init(directory: directory.path))
        defer { engine.close() }
        try await Application(router: StoreService.makeRouter(engine: engine, access: try AccessStore(directory: directory.path))).test(
            .router, test)
    }

    @Test func unknownPathsGetGosPlainText404() async throws {
        try await withStore { client in
            try await client.execute(uri: "/nope", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body) == "404 page not found\n")
                #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
            }
        }
    }

    @Test func verbosePingHealthAndPreflight() async throws {
        try await withStore { client in
            try await client.execute(uri: "/ping?verbose=true", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "{\"version\":\"1.8.10\"}\n")
            }
            try await client.execute(uri: "/ping?verbose=false", method: .get) { #expect($0.status == .noContent) }
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(String(buffer: response.body).contains("\"status\":\"pass\""))
            }
            try await client.execute(uri: "/write", method: .options, headers: [.origin: "http://ui.example"]) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.accessControlAllowOrigin] == "http://ui.example")
                #expect(response.headers[.accessControlAllowMethods] == "DELETE, GET, OPTIONS, POST, PUT")
            }
        }
    }
}
