import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ServerLogging
import Testing

@Suite struct CrossSiteRequestGuardTests {
    private func status(_ method: HTTPRequest.Method, headers: HTTPFields, allowed: [String] = []) async throws -> HTTPResponse.Status {
        let router = Router()
        router.add(middleware: CrossSiteRequestGuard(allowedOrigins: allowed))
        router.on("/kapacitor/v1/tasks", method: method) { _, _ in Response(status: .ok) }
        return try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/kapacitor/v1/tasks", method: method, headers: headers) { $0.status }
        }
    }

    /// A page on another site cannot change anything (a form or a `text/plain` fetch needs no preflight); curl and the
    /// client libraries, which send no `Origin`, and allowed origins can.
    @Test func browsersOnOtherSitesMayOnlyRead() async throws {
        #expect(try await status(.post, headers: [.origin: "http://evil.example"]) == .forbidden)
        #expect(try await status(.delete, headers: [.origin: "null"]) == .forbidden)
        #expect(try await status(.patch, headers: [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"]) == .forbidden)
        #expect(try await status(.post, headers: [:]) == .ok)
        #expect(try await status(.get, headers: [.origin: "http://evil.example"]) == .ok)
        #expect(try await status(.post, headers: [.origin: "http://ui.example"], allowed: ["http://ui.example"]) == .ok)
    }
}
