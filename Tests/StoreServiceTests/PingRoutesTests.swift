import Foundation
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

    /// InfluxDB's own: version 1, time-based, a zero node (`20e053b3-e675-11f1-8195-000000000000`).
    @Test func freshRequestIDsAreTimeBasedUUIDs() throws {
        let pattern = try Regex("^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-000000000000$")
        let ids = (0..<2000).map { _ in InfluxHeaders.freshRequestID() }
        #expect(ids.allSatisfy { $0.wholeMatch(of: pattern) != nil }, "\(ids.prefix(3))")
        #expect(Set(ids).count == ids.count)
        // The time fields say when: time_hi, time_mid and time_low back to 100 ns ticks since 1582-10-15.
        let parts = ids[0].split(separator: "-").map { UInt64($0, radix: 16)! }
        let ticks = (parts[2] & 0x0FFF) << 48 | parts[1] << 32 | parts[0]
        let seconds = Double(ticks - 0x01B2_1DD2_1381_4000) / 10_000_000
        #expect(abs(seconds - Date().timeIntervalSince1970) < 60)
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
    private func withStore(
        allowedOrigins: [String] = ["*"], _ test: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(configuration: .init(directory: directory.path))
        defer { engine.close() }
        let router = StoreService.makeRouter(
            engine: engine, access: try AccessStore(directory: directory.path), configuration: .init(allowedOrigins: allowedOrigins))
        let app = Application(router: router)
        try await app.test(.router, test)
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

    /// By default no web page may reach the store from a browser; the origins configured may (`*`: any, InfluxDB's way).
    @Test func onlyConfiguredOriginsGetCORSHeaders() async throws {
        for (allowed, origin, expected) in [
            ([String](), "http://evil.example", nil), (["http://ui.example"], "http://evil.example", nil),
            (["http://ui.example"], "http://ui.example", "http://ui.example"),
        ] {
            try await withStore(allowedOrigins: allowed) { client in
                try await client.execute(uri: "/query?q=SHOW+DATABASES", method: .get, headers: [.origin: origin]) { response in
                    #expect(response.headers[.accessControlAllowOrigin] == expected, "\(allowed) \(origin)")
                    #expect((response.headers[.accessControlAllowMethods] != nil) == (expected != nil))
                }
            }
        }
    }
}
