import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Storage
import StoreAccess
import SundialTesting
import Testing

@testable import StoreService

/// Kept answers written straight from the event loop: the same bytes and headers as the router's, only when the index
/// is unchanged, and never ahead of an earlier request's answer.
@Suite struct KeptAnswerHandlerTests {
    private static let tagValues = "/query?db=db&q=SHOW+TAG+VALUES+WITH+KEY+%3D+host"

    /// A store with database `db` and a lookup whose cache holds the answer `kept` for `tagValues`.
    private static func lookupKeepingTagValues(in directory: TemporaryDirectory) throws -> (
        StorageEngine, KeptAnswerLookup
    ) {
        let engine = try StorageEngine(configuration: .init(directory: directory.path))
        try engine.createDatabase("db")
        let cache = IndexAnswerCache()
        let parameters = ["db": "db", "q": "SHOW TAG VALUES WITH KEY = host"]
        let key = IndexAnswerCache.Key(
            parameters, database: "db", retentionPolicy: nil, format: QueryResponseFormat(accept: [], parameters: parameters),
            gzipped: false)
        let answer = IndexAnswerCache.Answer(
            statements: [], body: ByteBuffer(string: "kept"), contentType: "application/json", gzipped: false)
        cache.keep(answer, for: key, at: engine.indexVersion())
        let locator = DatabaseLocator(engine: engine, access: try AccessStore(directory: directory.path))
        return (
            engine,
            KeptAnswerLookup(
                cache: cache, engine: engine, locator: locator, authEnabled: false,
                statistics: HTTPStatistics(engine: engine, bind: "127.0.0.1:8086"))
        )
    }

    @Test func aKeptAnswerLooksExactlyLikeTheRoutersAndFollowsTheIndex() async throws {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(configuration: .init(directory: directory.path))
        defer { engine.close() }
        try engine.createDatabase("db")
        _ = try await engine.write(Array("cpu,host=a v=1 1".utf8), database: "db")
        let app = try StoreService.makeApplication(
            engine: engine, access: try AccessStore(directory: directory.path), configuration: .init(port: 0),
            logger: Logger(label: "test"))
        try await app.test(.live) { client in
            func get(_ uri: String) async throws -> (HTTPFields, String) {
                try await client.execute(uri: uri, method: .get, headers: [.init("X-Request-Id")!: "fixed"]) {
                    #expect($0.status == .ok)
                    return ($0.headers, String(buffer: $0.body))
                }
            }
            let (routerHeaders, routerBody) = try await get(Self.tagValues)  // computed by the route, then kept
            let (keptHeaders, keptBody) = try await get(Self.tagValues)
            #expect(keptBody == routerBody && routerBody.contains(#"[["host","a"]]"#))
            let names = { (fields: HTTPFields) in fields.map(\.name.rawName).filter { $0 != "Date" } }
            #expect(names(keptHeaders) == names(routerHeaders))
            for field in routerHeaders where field.name != .date {
                #expect(keptHeaders[field.name] == field.value, "\(field.name)")
            }
            #expect(keptHeaders[.date]?.hasSuffix(" GMT") == true)
            _ = try await engine.write(Array("cpu,host=b v=1 1".utf8), database: "db")
            #expect(try await get(Self.tagValues).1.contains(#"[["host","a"],["host","b"]]"#))
        }
    }

    /// Two requests in one read: the first goes to the router, so the second, although kept, must follow it.
    @Test func aKeptAnswerWaitsForTheAnswersOfEarlierRequests() throws {
        let directory = TemporaryDirectory()
        let (engine, lookup) = try Self.lookupKeepingTagValues(in: directory)
        defer { engine.close() }
        let channel = EmbeddedChannel(handler: KeptAnswerHandler(lookup: lookup, logger: Logger(label: "test")))
        let other = HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/query?db=db&q=SHOW+DATABASES")
        let kept = HTTPRequest(method: .get, scheme: nil, authority: nil, path: Self.tagValues)

        try channel.writeInbound(HTTPRequestPart.head(other))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        try channel.writeInbound(HTTPRequestPart.head(kept))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        // Both passed on, in order; nothing answered here.
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == .head(other))
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == .end(nil))
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == .head(kept))
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == .end(nil))
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) == nil)

        // The router answers both; the next kept request is then answered here and goes no further.
        for _ in 0..<2 {
            try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
            try channel.writeOutbound(HTTPResponsePart.end(nil))
        }
        for _ in 0..<4 { _ = try channel.readOutbound(as: HTTPResponsePart.self) }
        try channel.writeInbound(HTTPRequestPart.head(kept))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == nil)
        guard case .head(let head) = try channel.readOutbound(as: HTTPResponsePart.self) else {
            Issue.record("no answer head")
            return
        }
        #expect(head.status == .ok && head.headerFields[.contentLength] == "4")
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) == .body(ByteBuffer(string: "kept")))
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) == .end(nil))
        _ = try channel.finish()
    }

    @Test func requestsWithCredentialsOrClosingTheConnectionGoToTheRouter() throws {
        let directory = TemporaryDirectory()
        let (engine, lookup) = try Self.lookupKeepingTagValues(in: directory)
        defer { engine.close() }
        let withAuth = KeptAnswerLookup(
            cache: lookup.cache, engine: engine, locator: lookup.locator, authEnabled: true, statistics: lookup.statistics)
        var request = HTTPRequest(method: .get, scheme: nil, authority: nil, path: Self.tagValues)
        #expect(lookup.answer(for: request) != nil)
        #expect(withAuth.answer(for: request) == nil)
        request.headerFields[.connection] = "Keep-Alive"  // what Python's requests sends on every request
        #expect(lookup.answer(for: request) != nil)
        request.headerFields[.connection] = "close"
        #expect(lookup.answer(for: request) == nil)
    }
}
