import CompressNIO
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import StoreAccess
import SundialTesting
import Testing

@testable import StoreService

@Suite struct WriteRoutesTests {
    /// Runs `test` against a store with database `db`; returns the engine for checks afterwards.
    @discardableResult
    private func withStore(
        configuration: StoreService.Configuration = .init(),
        _ test: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws -> [String] {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(configuration: .init(directory: directory.path))
        defer { engine.close() }
        try engine.createDatabase("db")
        let app = Application(
            router: StoreService.makeRouter(
                engine: engine, access: try AccessStore(directory: directory.path), configuration: configuration))
        try await app.test(.router, test)
        var lines: [String] = []
        try engine.exportLineProtocol(database: "db") { lines.append($0) }
        return lines
    }

    private func errorText(_ response: TestResponse) -> String? {
        let json = try? JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: String]
        return json?["error"]
    }

    @Test func goodLinesAnswer204AndAreStored() async throws {
        let stored = try await withStore { client in
            try await client.execute(
                uri: "/write?db=db&precision=s", method: .post, body: ByteBuffer(string: "cpu,host=a v=1 1\ncpu,host=a v=2 2")
            ) {
                #expect($0.status == .noContent)
            }
        }
        #expect(stored == ["cpu,host=a v=1.0 1000000000", "cpu,host=a v=2.0 2000000000"])
    }

    @Test(arguments: [
        ("/write", 400, "database is required"),
        ("/write?db=", 400, "database is required"),
        ("/write?db=nope", 404, "database not found: \"nope\""),
        ("/write?db=db&precision=us", 400, "invalid precision \"us\" (use n, u, ms, s, m or h)"),
        ("/write?db=db&precision=x", 400, "invalid precision \"x\" (use n, u, ms, s, m or h)"),
        ("/write?db=db&rp=nope", 500, "retention policy not found: nope"),
        ("/write?db=db&consistency=most", 400, "invalid consistency level"),
    ])
    func requestErrorsHaveInfluxDBsStatusAndText(_ uri: String, _ status: Int, _ message: String) async throws {
        try await withStore { client in
            try await client.execute(uri: uri, method: .post, body: ByteBuffer(string: "m v=1")) { response in
                #expect(response.status.code == status)
                #expect(errorText(response) == message)
                #expect(response.headers[.init("X-Influxdb-Error")!] == message)
                #expect(response.headers[.contentType] == "application/json")
            }
        }
    }

    @Test func partialWritesReportBadLinesAndStoreTheRest() async throws {
        let stored = try await withStore { client in
            try await client.execute(uri: "/write?db=db", method: .post, body: ByteBuffer(string: "m v=1 1\nm v= 2\nm v=3 3")) { response in
                #expect(response.status == .badRequest)
                #expect(errorText(response) == "partial write: unable to parse 'm v= 2': missing field value dropped=0")
            }
        }
        #expect(stored == ["m v=1.0 1", "m v=3.0 3"])
    }

    @Test func gzipBodiesAreAccepted() async throws {
        var plain = ByteBuffer(string: "m v=5 5\n")
        let compressed = try plain.compress(with: .gzip())
        let stored = try await withStore { client in
            try await client.execute(uri: "/write?db=db", method: .post, headers: [.contentEncoding: "gzip"], body: compressed) {
                #expect($0.status == .noContent)
            }
            try await client.execute(
                uri: "/write?db=db", method: .post, headers: [.contentEncoding: "gzip"], body: ByteBuffer(string: "nope")
            ) {
                #expect($0.status == .badRequest)
            }
        }
        #expect(stored == ["m v=5.0 5"])
    }

    @Test func bodiesOverTheLimitAre413() async throws {
        try await withStore(configuration: .init(maxBodySize: 16)) { client in
            try await client.execute(
                uri: "/write?db=db", method: .post, body: ByteBuffer(string: String(repeating: "m v=1 1\n", count: 10))
            ) {
                #expect($0.status == .contentTooLarge)
                #expect(errorText($0) == "Request Entity Too Large")
            }
        }
    }

    @Test func otherMethodsAre405() async throws {
        try await withStore { client in
            try await client.execute(uri: "/write?db=db", method: .get) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "OPTIONS, POST")
            }
        }
    }

    @Test func anEmptyBodyIsASuccess() async throws {
        try await withStore { client in
            try await client.execute(uri: "/write?db=db", method: .post, body: ByteBuffer()) { #expect($0.status == .noContent) }
        }
    }
}

@Suite struct QueryRoutesTests {
    @Test func formBodiesQueryStringsAndErrors() async throws {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(configuration: .init(directory: directory.path))
        defer { engine.close() }
        let app = Application(router: StoreService.makeRouter(engine: engine, access: try AccessStore(directory: directory.path)))
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/query", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "q=CREATE+DATABASE+%22my+db%22")
            ) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "{\"results\":[{\"statement_id\":0}]}\n")
            }
            try await client.execute(uri: "/query?q=SHOW+DATABASES", method: .get) { response in
                #expect(String(buffer: response.body).contains(#""values":[["my db"]]"#))
            }
            try await client.execute(uri: "/query", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body) == "{\"error\":\"missing required parameter \\\"q\\\"\"}\n")
            }
            try await client.execute(uri: "/query?q=SHOW", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).hasPrefix("{\"error\":\"error parsing query: found EOF, expected CONTINUOUS"))
            }
            try await client.execute(uri: "/query?q=SHOW+DATABASES", method: .delete) { response in
                #expect(response.status == .methodNotAllowed)
            }
        }
    }
}

@Suite struct WriteFailureTests {
    @Test func aFailedDiskWriteAnswers500WithInfluxDBsErrorJSON() async throws {
        let directory = TemporaryDirectory()
        let injector = FaultInjectingFileSystem()
        let engine = try StorageEngine(configuration: .init(directory: directory.path, fileSystem: injector))
        defer { engine.close() }
        try engine.createDatabase("db")
        // The first file call of this write creates the shard's directory; the disk is full.
        injector.failCall(1, with: .noSpace)
        let app = Application(router: StoreService.makeRouter(engine: engine, access: try AccessStore(directory: directory.path)))
        try await app.test(.router) { client in
            try await client.execute(uri: "/write?db=db", method: .post, body: ByteBuffer(string: "m v=1 1")) { response in
                #expect(response.status == .internalServerError)
                let text = String(buffer: response.body)
                #expect(text.hasPrefix("{\"error\":\""))
                #expect(response.headers[.init("X-Influxdb-Version")!] != nil)
                #expect(text.contains("no space left on device"))
            }
            try await client.execute(uri: "/write?db=db", method: .post, body: ByteBuffer(string: "m v=2 2")) { response in
                #expect(response.status == .noContent)
            }
        }
        var lines: [String] = []
        try engine.exportLineProtocol(database: "db") { lines.append($0) }
        #expect(lines == ["m v=2.0 2"])
    }
}
