import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import StoreAccess
import SundialTesting
import Testing

@testable import StoreService

/// The InfluxDB 2.x surface: its error shape, onboarding, and writes into buckets.
@Suite struct V2RoutesTests {
    private func withStore(
        authEnabled: Bool = true, _ test: @Sendable (any TestClientProtocol, StorageEngine) async throws -> Void
    ) async throws {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(configuration: .init(directory: directory.path))
        defer { engine.close() }
        let access = try AccessStore(directory: directory.path)
        let router = StoreService.makeRouter(engine: engine, access: access, configuration: .init(authEnabled: authEnabled))
        try await Application(router: router).test(.router) { client in try await test(client, engine) }
    }

    private func json(_ response: TestResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]) ?? [:]
    }

    private func setUp(_ client: any TestClientProtocol) async throws {
        let body = #"{"username":"me","org":"acme","bucket":"telegraf","token":"tok"}"#
        try await client.execute(uri: "/api/v2/setup", method: .post, body: ByteBuffer(string: body)) {
            #expect($0.status == .created)
        }
    }

    @Test func errorsHaveThePlatformShape() async throws {
        try await withStore { client, _ in
            try await client.execute(uri: "/api/v2/write?org=acme&bucket=telegraf", method: .post, body: ByteBuffer(string: "m v=1")) {
                #expect($0.status == .unauthorized)
                #expect($0.headers[.init("X-Platform-Error-Code")!] == "unauthorized")
                #expect(json($0) as? [String: String] == ["code": "unauthorized", "message": "unauthorized access"])
            }
            try await setUp(client)
            let token: HTTPFields = [.authorization: "Token tok"]
            let cases: [(String, Int, String)] = [
                ("/api/v2/write?bucket=telegraf", 400, "Please provide either orgID or org"),
                ("/api/v2/write?org=nope&bucket=telegraf", 404, "organization name \"nope\" not found"),
                ("/api/v2/write?org=acme", 404, "bucket not found"),
                ("/api/v2/write?org=acme&bucket=nope", 404, "bucket \"nope\" not found"),
                (
                    "/api/v2/write?org=acme&bucket=telegraf&precision=h", 400,
                    "invalid precision; valid precision units are ns, us, ms, and s"
                ),
            ]
            for (uri, status, message) in cases {
                try await client.execute(uri: uri, method: .post, headers: token, body: ByteBuffer(string: "m v=1")) {
                    #expect(Int($0.status.code) == status, "\(uri)")
                    #expect(json($0)["message"] as? String == message, "\(uri)")
                }
            }
        }
    }

    /// A store secured the 1.x way (an admin user) cannot be onboarded anonymously: the setup would hand its caller
    /// an operator token.
    @Test func setupIsRefusedOnceAUserOrATokenExists() async throws {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(configuration: .init(directory: directory.path))
        defer { engine.close() }
        let access = try AccessStore(directory: directory.path)
        try access.createUser("root", password: "pw", isAdmin: true)
        let router = StoreService.makeRouter(engine: engine, access: access, configuration: .init(authEnabled: true))
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/api/v2/setup", method: .get) { #expect(json($0)["allowed"] as? Bool == false) }
            let body = #"{"username":"me","org":"acme","bucket":"telegraf","token":"mine"}"#
            try await client.execute(uri: "/api/v2/setup", method: .post, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(json(response)["message"] as? String == "onboarding has already been completed")
            }
        }
        #expect(access.token(matching: "mine") == nil)
    }

    @Test func onboardingCreatesTheBucketsStorageAndWritesLandThere() async throws {
        try await withStore { client, engine in
            try await client.execute(uri: "/api/v2/setup", method: .get) { #expect(json($0)["allowed"] as? Bool == true) }
            try await setUp(client)
            #expect(engine.databaseInfo("telegraf")?.retentionPolicy("autogen") != nil)
            try await client.execute(
                uri: "/api/v2/write?org=acme&bucket=telegraf&precision=s", method: .post, headers: [.authorization: "Token tok"],
                body: ByteBuffer(string: "cpu v=1 1")
            ) { #expect($0.status == .noContent) }
            var lines: [String] = []
            try engine.exportLineProtocol(database: "telegraf") { lines.append($0) }
            #expect(lines == ["cpu v=1.0 1000000000"])
            try await client.execute(uri: "/ready", method: .get) { response in
                #expect(json(response)["status"] as? String == "ready")
                #expect((json(response)["up"] as? String)?.isEmpty == false)
            }
        }
    }

    @Test func withAuthOffTheWriteRouteServesDatabasesAsInfluxDB18Does() async throws {
        try await withStore(authEnabled: false) { client, engine in
            try engine.createDatabase("db")
            try await client.execute(uri: "/api/v2/write?org=-&bucket=db/autogen", method: .post, body: ByteBuffer(string: "m v=1 1")) {
                #expect($0.status == .noContent)
            }
            var lines: [String] = []
            try engine.exportLineProtocol(database: "db") { lines.append($0) }
            #expect(lines == ["m v=1.0 1"])
        }
    }
}
