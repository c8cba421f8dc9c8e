import Credentials
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import TaskService

/// `[http] auth-enabled` on the tasks API, with Kapacitor's credentials, users, privileges and texts.
@Suite struct TaskAuthTests {
    private func withTasks(_ auth: TaskAuthSettings, _ test: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let router = try await TaskService.makeRouter(runner: .test(), auth: auth)
        try await Application(router: router).test(.router, test)
    }

    private func basic(_ user: String, _ password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    private func call(
        _ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, auth: String? = nil, body: String? = nil
    ) async throws -> (Int, String) {
        var headers: HTTPFields = [:]
        if let auth { headers[.authorization] = auth }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) {
            (Int($0.status.code), String(buffer: $0.body))
        }
    }

    private func error(_ body: String) -> String? {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: String])?["error"]
    }

    @Test func usersSignInAndMayOnlyWhatTheirPermissionsGrant() async throws {
        try await withTasks(TaskAuthSettings(isEnabled: true, hasUsers: true, bcryptCost: 4)) { client in
            // Until an admin exists, creating one is all anybody may do; the first user must be an admin.
            let early = try await call(client, .get, "/kapacitor/v1/tasks")
            #expect(early.0 == 401 && error(early.1)?.hasPrefix("create an admin user first") == true)
            let normalFirst = try await call(client, .post, "/kapacitor/v1/users", body: #"{"name":"bob","password":"b","type":"normal"}"#)
            #expect(normalFirst.0 == 400)
            #expect(try await call(client, .post, "/kapacitor/v1/users", body: #"{"name":"root","password":"r","type":"admin"}"#).0 == 200)

            let anonymous = try await call(client, .get, "/kapacitor/v1/tasks")
            #expect(anonymous.0 == 401 && error(anonymous.1) == "unable to parse authentication credentials")
            let wrong = try await call(client, .get, "/kapacitor/v1/tasks", auth: basic("root", "nope"))
            #expect(wrong.0 == 401 && error(wrong.1) == "authorization failed")
            let root = basic("root", "r")
            #expect(try await call(client, .get, "/kapacitor/v1/tasks", auth: root).0 == 200)
            #expect(try await call(client, .get, "/kapacitor/v1/tasks?u=root&p=r").0 == 200)
            let bob = #"{"name":"bob","password":"b","permissions":["api"]}"#
            #expect(try await call(client, .post, "/kapacitor/v1/users", auth: root, body: bob).0 == 200)

            let asBob = basic("bob", "b")
            #expect(try await call(client, .get, "/kapacitor/v1/tasks", auth: asBob).0 == 200)
            for (method, path) in [
                (HTTPRequest.Method.post, "/kapacitor/v1/write?db=x"), (.post, "/write?db=x"), (.get, "/kapacitor/v1/users"),
                (.patch, "/kapacitor/v1/users/bob"), (.get, "//kapacitor//v1/users"), (.post, "/kapacitor/v1preview/users"),
            ] {
                let refused = try await call(client, method, path, auth: asBob, body: #"{"type":"admin"}"#)
                #expect(refused.0 == 403, "\(method) \(path)")
                #expect(error(refused.1)?.hasPrefix("user bob does not have") == true, "\(refused.1)")
            }
            let denied = try await call(client, .post, "/kapacitor/v1/write?db=x", auth: asBob, body: "m v=1")
            #expect(error(denied.1) == #"user bob does not have "write" privilege for API endpoint "/kapacitor/v1/write""#)
            #expect(try await call(client, .options, "/kapacitor/v1/tasks").0 != 401)

            let listed = try await call(client, .get, "/kapacitor/v1/users", auth: root)
            #expect(listed.1.contains(#""name" : "bob""#) && !listed.1.contains("password") && !listed.1.contains("$2"))
            #expect(try await call(client, .delete, "/kapacitor/v1/users/bob", auth: root).0 == 204)
            #expect(try await call(client, .get, "/kapacitor/v1/tasks", auth: asBob).0 == 401)
        }
    }

    /// Without `[auth]`, only tokens signed with the shared secret get in (Kapacitor would take any password).
    @Test func withoutUsersOnlySignedTokensGetIn() async throws {
        try await withTasks(TaskAuthSettings(isEnabled: true, sharedSecret: "s3cret")) { client in
            let now = Int(Date().timeIntervalSince1970)
            let token = try HMACWebToken.sign(["username": "ops", "exp": now + 60], secret: "s3cret", algorithm: .hs512)
            #expect(try await call(client, .get, "/kapacitor/v1/tasks", auth: "Bearer \(token)").0 == 200)
            let expired = try HMACWebToken.sign(["username": "ops", "exp": now - 60], secret: "s3cret")
            let late = try await call(client, .get, "/kapacitor/v1/tasks", auth: "Bearer \(expired)")
            #expect(late.0 == 401 && error(late.1) == "invalid token: Token is expired")
            let forged = try HMACWebToken.sign(["username": "ops", "exp": now + 60], secret: "guess")
            #expect(
                error(try await call(client, .get, "/kapacitor/v1/tasks", auth: "Bearer \(forged)").1)
                    == "invalid token: signature is invalid")
            let noExpiry = try HMACWebToken.sign(["username": "ops"], secret: "s3cret")
            #expect(error(try await call(client, .get, "/kapacitor/v1/tasks", auth: "Bearer \(noExpiry)").1) == "token expiration required")
            let password = try await call(client, .get, "/kapacitor/v1/tasks", auth: basic("admin", "anything"))
            #expect(password.0 == 401 && error(password.1) == "authorization failed")
        }
    }

    /// A remote InfluxDB's subscription signs in as `~subscriber` with this server's token and may only write points.
    @Test func subscriptionsWriteWithTheirTokenAndDoNothingElse() async throws {
        let settings = TaskAuthSettings(isEnabled: true, hasUsers: true, bcryptCost: 4, subscriptionToken: "sub-token")
        try await withTasks(settings) { client in
            #expect(try await call(client, .post, "/kapacitor/v1/users", body: #"{"name":"root","password":"r","type":"admin"}"#).0 == 200)
            let subscriber = basic("~subscriber", "sub-token")
            #expect(try await call(client, .post, "/write?db=telegraf&rp=autogen", auth: subscriber, body: "cpu v=1").0 == 204)
            #expect(try await call(client, .get, "/kapacitor/v1/tasks", auth: subscriber).0 == 403)
            let wrong = try await call(client, .post, "/write?db=telegraf", auth: basic("~subscriber", "guess"), body: "cpu v=1")
            #expect(wrong.0 == 401 && error(wrong.1) == "invalid subscription token")
        }
    }

    @Test func resourcesAreThePathAsTheRouterReadsIt() throws {
        #expect(try TaskAuthenticator.resource("/kapacitor/v1/tasks/x") == "/api/tasks/x")
        #expect(try TaskAuthenticator.resource("//kapacitor/./v1preview//config/") == "/api/config")
        #expect(try TaskAuthenticator.resource("/write") == "/api/write")
        #expect(try TaskAuthenticator.resource("/kapacitor/v1/%63onfig") == "/api/config")
        #expect(throws: TaskAuthError.self) { try TaskAuthenticator.resource("/kapacitor/v1/tasks/../config") }
    }
}
