import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import StoreAccess
import Testing

@testable import StoreService

/// Answers read from the series index alone are kept between requests; they must never outlive a change to it, and
/// a kept answer must not skip authorization.
@Suite struct IndexAnswerCacheTests {
    private func get(_ client: any TestClientProtocol, _ q: String, auth: String? = nil, db: String = "db") async throws -> (
        Int, String
    ) {
        let text = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? q
        var headers: HTTPFields = [:]
        if let auth { headers[.authorization] = auth }
        return try await client.execute(uri: "/query?db=\(db)&q=\(text)", method: .get, headers: headers) { response in
            (Int(response.status.code), String(buffer: response.body))
        }
    }

    private func write(_ client: any TestClientProtocol, _ lines: String, db: String = "db") async throws {
        try await client.execute(uri: "/write?db=\(db)", method: .post, body: ByteBuffer(string: lines)) { response in
            #expect(response.status == .noContent)
        }
    }

    @Test func aNewSeriesOrADroppedOneChangesTheNextAnswer() async throws {
        try await withStoreRouter { client, _, _ in
            try await write(client, "cpu,host=a v=1 1\ncpu,host=b v=1 1")
            let query = "SHOW TAG VALUES FROM cpu WITH KEY = host"
            let first = try await get(client, query)
            #expect(first.1.contains(#"[["host","a"],["host","b"]]"#))
            #expect(try await get(client, query) == first)
            try await write(client, "cpu,host=c v=1 1")
            #expect(try await get(client, query).1.contains(#"[["host","a"],["host","b"],["host","c"]]"#))
            #expect(try await get(client, "DROP SERIES FROM cpu WHERE host = 'a'").0 == 200)
            #expect(try await get(client, query).1.contains(#"[["host","b"],["host","c"]]"#))
            // A point of an existing series changes nothing the answer depends on, and the answer stays the same.
            try await write(client, "cpu,host=c v=2 2")
            #expect(try await get(client, query).1.contains(#"[["host","b"],["host","c"]]"#))
        }
    }

    @Test func aDatabaseDroppedAndMadeAgainIsAskedAfresh() async throws {
        try await withStoreRouter { client, engine, _ in
            try await write(client, "mem,host=a v=1 1")
            #expect(try await get(client, "SHOW MEASUREMENTS").1.contains(#"[["mem"]]"#))
            try await engine.dropDatabase("db")
            try engine.createDatabase("db")
            // The new database's index has as many changes as the old one had: only the catalog's count tells them apart.
            try await write(client, "swap,host=a v=1 1")
            #expect(try await get(client, "SHOW MEASUREMENTS").1.contains(#"[["swap"]]"#))
        }
    }

    @Test func eachFormatAndEpochIsKeptApart() async throws {
        try await withStoreRouter { client, _, _ in
            try await write(client, "cpu,host=a v=1 1")
            let json = try await get(client, "SHOW TAG KEYS")
            let csv = try await client.execute(uri: "/query?db=db&q=SHOW%20TAG%20KEYS", method: .get, headers: [.accept: "application/csv"])
            {
                String(buffer: $0.body)
            }
            #expect(json.1.hasPrefix("{"))
            #expect(csv.hasPrefix("name,tags,tagKey"))
            #expect(try await get(client, "SHOW TAG KEYS") == json)
        }
    }

    @Test func aKeptAnswerIsStillAuthorized() async throws {
        try await withStoreRouter(authEnabled: true) { client, _, access in
            try access.createUser("root", password: "pw", isAdmin: true)
            try access.createUser("eve", password: "epw", isAdmin: false)
            let root = "Basic " + Data("root:pw".utf8).base64EncodedString()
            try await client.execute(uri: "/write?db=db&u=root&p=pw", method: .post, body: ByteBuffer(string: "cpu,host=a v=1 1")) {
                #expect($0.status == .noContent)
            }
            let query = "SHOW TAG VALUES FROM cpu WITH KEY = host"
            #expect(try await get(client, query, auth: root).0 == 200)
            let eve = try await get(client, query, auth: "Basic " + Data("eve:epw".utf8).base64EncodedString())
            #expect(eve.0 == 403)
            #expect(!eve.1.contains("host"))
        }
    }
}
