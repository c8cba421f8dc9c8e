import Credentials
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import StoreAccess
import SundialTesting
import Testing

@testable import StoreService

/// `[store] auth-enabled = true`: InfluxDB 1.x's bootstrap, credentials and privileges on `/query` and `/write`.
@Suite struct AuthenticationTests {
    private func withAuthStore(
        sharedSecret: String = "", _ test: @Sendable (any TestClientProtocol, AccessStore) async throws -> Void
    ) async throws {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(configuration: .init(directory: directory.path))
        defer { engine.close() }
        try engine.createDatabase("db")
        try engine.createDatabase("other")
        let access = try AccessStore(directory: directory.path)
        let router = StoreService.makeRouter(
            engine: engine, access: access, configuration: .init(authEnabled: true, sharedSecret: sharedSecret))
        try await Application(router: router).test(.router) { client in try await test(client, access) }
    }

    private func query(
        _ client: any TestClientProtocol, _ q: String, auth: String? = nil, params: String = ""
    ) async throws -> (Int, String) {
        let text = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? q
        var headers: HTTPFields = [:]
        if let auth { headers[.authorization] = auth }
        return try await client.execute(uri: "/query?db=db&q=\(text)\(params)", method: .post, headers: headers) { response in
            (Int(response.status.code), String(buffer: response.body))
        }
    }

    private func basic(_ user: String, _ password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    @Test func untilAnAdminExistsOnlyCreatingOneIsAllowed() async throws {
        try await withAuthStore { client, _ in
            let denied = try await query(client, "SHOW DATABASES")
            #expect(denied.0 == 403 && denied.1.contains("create admin user first or disable authentication"))
            try await client.execute(uri: "/write?db=db", method: .post, body: ByteBuffer(string: "m v=1")) { response in
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body).contains(#"user is required to write to database \"db\""#))
            }
            #expect(try await query(client, "CREATE USER root WITH PASSWORD 'pw' WITH ALL PRIVILEGES").0 == 200)
            let anonymous = try await query(client, "SHOW DATABASES")
            #expect(anonymous.0 == 401 && anonymous.1.contains("unable to parse authentication credentials"))
        }
    }

    @Test func everyCredentialFormIsAcceptedAndWrongOnesAre401() async throws {
        try await withAuthStore { client, access in
            try access.createUser("root", password: "pw", isAdmin: true)
            #expect(try await query(client, "SHOW DATABASES", params: "&u=root&p=pw").0 == 200)
            #expect(try await query(client, "SHOW DATABASES", auth: basic("root", "pw")).0 == 200)
            #expect(try await query(client, "SHOW DATABASES", auth: "Token root:pw").0 == 200)
            let wrong = try await query(client, "SHOW DATABASES", auth: basic("root", "nope"))
            #expect(wrong.0 == 401 && wrong.1.contains("authorization failed"))
            try await client.execute(uri: "/query?q=SHOW+DATABASES", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == "Basic realm=\"InfluxDB\"")
            }
        }
    }

    /// InfluxDB 1.x's `shared-secret`: a bearer JWT signed with it acts as the user it names.
    @Test func aSignedTokenActsAsItsUser() async throws {
        try await withAuthStore(sharedSecret: "s3cret") { client, access in
            try access.createUser("root", password: "pw", isAdmin: true)
            let now = Int(Date().timeIntervalSince1970)
            let token = try HMACWebToken.sign(["username": "root", "exp": now + 60], secret: "s3cret")
            #expect(try await query(client, "SHOW DATABASES", auth: "Bearer \(token)").0 == 200)
            let cases: [([String: Any], String, String)] = [
                (["username": "root", "exp": now - 60], "s3cret", "Token is expired"),
                (["username": "root", "exp": now + 60], "guess", "signature is invalid"),
                (["username": "root"], "s3cret", "token expiration required"),
                (["username": "ghost", "exp": now + 60], "s3cret", "user not found"),
            ]
            for (claims, secret, message) in cases {
                let refused = try await query(client, "SHOW DATABASES", auth: "Bearer \(try HMACWebToken.sign(claims, secret: secret))")
                #expect(refused.0 == 401 && refused.1.contains(message), "\(refused)")
            }
        }
    }

    @Test func privilegesDecideWhatAUserMayDo() async throws {
        try await withAuthStore { client, access in
            try access.createUser("root", password: "pw", isAdmin: true)
            let root = basic("root", "pw")
            #expect(try await query(client, "CREATE USER bob WITH PASSWORD 'bpw'", auth: root).0 == 200)
            #expect(try await query(client, "GRANT READ ON db TO bob", auth: root).0 == 200)
            let bob = basic("bob", "bpw")
            #expect(try await query(client, "SELECT * FROM m", auth: bob).0 == 200)
            let databases = try await query(client, "SHOW DATABASES", auth: bob)
            #expect(databases.1.contains("[\"db\"]") && !databases.1.contains("other"))
            let admin = try await query(client, "CREATE DATABASE x", auth: bob)
            #expect(admin.0 == 403)
            #expect(
                admin.1.contains(
                    "error authorizing query: bob not authorized to execute statement 'CREATE DATABASE x', requires admin privilege"))
            try await client.execute(uri: "/write?db=db", method: .post, headers: [.authorization: bob], body: ByteBuffer(string: "m v=1"))
            {
                #expect($0.status == .forbidden)
                #expect(String(buffer: $0.body).contains(#"\"bob\" user is not authorized to write to database \"db\""#))
            }
            #expect(try await query(client, "GRANT WRITE ON db TO bob", auth: root).0 == 200)
            try await client.execute(uri: "/write?db=db", method: .post, headers: [.authorization: bob], body: ByteBuffer(string: "m v=1"))
            {
                #expect($0.status == .noContent)
            }
        }
    }

    @Test func aTokenWorksAsThePasswordOfAnyUserName() async throws {
        try await withAuthStore { client, access in
            let setup = try access.onboard(
                username: "me", password: nil, organization: "org", bucket: "db", retentionSeconds: 0, token: "tok")
            #expect(setup.authorization.isOperator)
            #expect(try await query(client, "SHOW DATABASES", auth: basic("anyone", "tok")).0 == 200)
            #expect(try await query(client, "SHOW DATABASES", auth: "Token tok").0 == 200)
            #expect(try await query(client, "SHOW DATABASES", auth: "Token nope").0 == 401)
            try await client.execute(uri: "/write?db=db&u=x&p=tok", method: .post, body: ByteBuffer(string: "m v=1")) {
                #expect($0.status == .noContent)
            }
        }
    }
}
