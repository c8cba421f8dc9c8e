import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import StoreAccess
import SundialTesting
import Testing

@testable import StoreService

/// The 1.x API of a store set up the 2.x way, as Kapacitor uses it with `username = "<user>"` and
/// `password = "<token>"`: any user name with a token as password, and every database a statement names resolved
/// through the DBRP mappings (InfluxDB 2.x's compatibility layer).
@Suite struct TwoXCompatibilityTests {
    /// A store onboarded as user `me` (password `secret`, token `tok`), a bucket `my-bucket` mapped from
    /// `my-db`/`my-rp`, and a token `reader` that may only read it.
    private func withMappedStore(
        _ test: @Sendable (any TestClientProtocol, StorageEngine, _ readerToken: String) async throws -> Void
    ) async throws {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(configuration: .init(directory: directory.path))
        defer { engine.close() }
        let access = try AccessStore(directory: directory.path)
        let router = StoreService.makeRouter(engine: engine, access: access, configuration: .init(authEnabled: true))
        try await Application(router: router).test(.router) { client in
            let setup = #"{"username":"me","password":"secret","org":"acme","bucket":"telegraf","token":"tok"}"#
            let onboarding = try await post(client, "/api/v2/setup", setup, auth: nil)
            let orgID = try #require((onboarding["org"] as? [String: Any])?["id"] as? String)
            let bucket = try await post(client, "/api/v2/buckets", #"{"orgID":"\#(orgID)","name":"my-bucket"}"#)
            let bucketID = try #require(bucket["id"] as? String)
            let mapping = #"{"orgID":"\#(orgID)","bucketID":"\#(bucketID)","database":"my-db","retention_policy":"my-rp","default":true}"#
            _ = try await post(client, "/api/v2/dbrps", mapping)
            let reader = try await post(
                client, "/api/v2/authorizations",
                #"{"orgID":"\#(orgID)","permissions":[{"action":"read","resource":{"type":"buckets","id":"\#(bucketID)"}}]}"#)
            try await test(client, engine, try #require(reader["token"] as? String))
        }
    }

    private func post(_ client: any TestClientProtocol, _ uri: String, _ body: String, auth: String? = "Token tok") async throws
        -> [String: Any]
    {
        var headers: HTTPFields = [:]
        if let auth { headers[.authorization] = auth }
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
            #expect(response.status == .created, "\(uri): \(String(buffer: response.body))")
            return (try? JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]) ?? [:]
        }
    }

    private func basic(_ user: String, _ password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    private func query(_ client: any TestClientProtocol, _ q: String, db: String = "", auth: String) async throws -> (Int, String) {
        let text = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? q
        return try await client.execute(uri: "/query?db=\(db)&q=\(text)", method: .post, headers: [.authorization: auth]) {
            (Int($0.status.code), String(buffer: $0.body))
        }
    }

    private func write(_ client: any TestClientProtocol, _ uri: String, _ lines: String, auth: String) async throws -> (Int, String) {
        try await client.execute(uri: uri, method: .post, headers: [.authorization: auth], body: ByteBuffer(string: lines)) {
            (Int($0.status.code), String(buffer: $0.body))
        }
    }

    @Test func aRealUserNameWithTheTokenAsPasswordActsAsTheToken() async throws {
        try await withMappedStore { client, _, _ in
            #expect(try await query(client, "SHOW DATABASES", auth: basic("me", "tok")).0 == 200)
            #expect(try await query(client, "SHOW DATABASES", auth: basic("anyone", "tok")).0 == 200)
            #expect(try await query(client, "SHOW DATABASES", auth: basic("", "tok")).0 == 200)
            #expect(try await query(client, "SHOW DATABASES", auth: basic("me", "secret")).0 == 200)
            let parameters = try await client.execute(uri: "/query?u=me&p=tok&q=SHOW+DATABASES", method: .get) { Int($0.status.code) }
            #expect(parameters == 200)
            let wrong = try await query(client, "SHOW DATABASES", auth: basic("me", "not-a-token"))
            #expect(wrong.0 == 401 && wrong.1.contains("authorization failed"))
        }
    }

    @Test func everyDatabaseAStatementNamesGoesThroughTheMapping() async throws {
        try await withMappedStore { client, engine, _ in
            let auth = basic("me", "tok")
            #expect(try await write(client, "/write?db=my-db&rp=my-rp&precision=s", "requests,host=a value=1 10", auth: auth).0 == 204)
            #expect(try await write(client, "/write?db=my-db&precision=s", "requests,host=b value=2 20", auth: auth).0 == 204)
            var stored: [String] = []
            try engine.exportLineProtocol(database: "my-bucket") { stored.append($0) }
            #expect(stored.count == 2)
            let rows = #""values":[["1970-01-01T00:00:10Z","a",1],["1970-01-01T00:00:20Z","b",2]]"#
            #expect(try await query(client, #"SELECT * FROM "my-db"."my-rp".requests"#, auth: auth).1.contains(rows))
            #expect(try await query(client, #"SELECT * FROM "my-rp".requests"#, db: "my-db", auth: auth).1.contains(rows))
            #expect(try await query(client, "SELECT * FROM requests", db: "my-db", auth: auth).1.contains(rows))
            let nested = #"SELECT max(value) FROM (SELECT value FROM "my-db"."my-rp".requests)"#
            #expect(try await query(client, nested, auth: auth).1.contains(#"[["1970-01-01T00:00:20Z",2]]"#))
            let into = try await query(client, #"SELECT value INTO "my-db"."my-rp".copy FROM "my-db"."my-rp".requests"#, auth: auth)
            #expect(into.1.contains(#""values":[["1970-01-01T00:00:00Z",2]]"#), "\(into)")
            let measurements = try await query(client, #"SHOW MEASUREMENTS ON "my-db""#, auth: auth)
            #expect(measurements.1.contains(#"[["copy"],["requests"]]"#), "\(measurements)")
            // The names the mappings give are listed as InfluxDB 2.x lists them, so a client that browses finds them.
            let databases = try await query(client, "SHOW DATABASES", auth: auth)
            #expect(databases.1.contains(#"["my-bucket"],["my-db"]"#), "\(databases)")
            let policies = try await query(client, #"SHOW RETENTION POLICIES ON "my-db""#, auth: auth)
            #expect(policies.1.contains(#""values":[["my-rp","0s","168h0m0s",1,true]]"#), "\(policies)")
            let keys = try await query(client, #"SHOW TAG KEYS ON "my-db" FROM "my-db"."my-rp".requests"#, auth: auth)
            #expect(keys.1.contains(#"[["host"]]"#), "\(keys)")
        }
    }

    @Test func aTokenMayOnlyDoWhatItsBucketPermissionsSay() async throws {
        try await withMappedStore { client, _, readerToken in
            let owner = basic("me", "tok")
            #expect(try await write(client, "/write?db=my-db&rp=my-rp", "requests value=1", auth: owner).0 == 204)
            let reader = basic("me", readerToken)
            #expect(try await query(client, #"SELECT * FROM "my-db"."my-rp".requests"#, auth: reader).0 == 200)
            let refused = try await write(client, "/write?db=my-db&rp=my-rp", "requests value=2", auth: reader)
            #expect(refused.0 == 403)
            #expect(refused.1 == #"{"code":"forbidden","message":"insufficient permissions for write"}"#)
            // A database it may not read is, to the token, one that does not exist (InfluxDB 2.x hides the mappings
            // of buckets a token cannot read): each such statement fails on its own, with a 200.
            let other = try await query(client, "SELECT * FROM cpu", db: "telegraf", auth: reader)
            #expect(
                other.0 == 200 && other.1 == #"{"results":[{"statement_id":0,"error":"database not found: telegraf"}]}"# + "\n", "\(other)")
            let chunked = try await query(client, "SELECT * FROM cpu", db: "telegraf&chunked=true", auth: reader)
            #expect(chunked.1.contains(#""error":"database not found: telegraf""#), "\(chunked)")
            let into = try await query(client, #"SELECT * INTO telegraf.autogen.x FROM "my-db"."my-rp".requests"#, auth: reader)
            #expect(into.1.contains(#""error":"insufficient permissions""#), "\(into)")
            let databases = try await query(client, "SHOW DATABASES", auth: reader)
            #expect(!databases.1.contains("telegraf"), "\(databases)")
        }
    }
}
