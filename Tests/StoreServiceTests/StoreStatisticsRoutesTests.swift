import Foundation
import Hummingbird
import HummingbirdTesting
import StoreAccess
import Testing

@testable import StoreService

/// `/status`, `/debug/vars` and the `httpd` counters behind them.
@Suite struct StoreStatisticsRoutesTests {
    private func get(_ client: any TestClientProtocol, _ uri: String, headers: HTTPFields = [:]) async throws -> (
        HTTPResponse.Status, String
    ) {
        try await client.execute(uri: uri, method: .get, headers: headers) { ($0.status, String(buffer: $0.body)) }
    }

    @Test func requestsAndWrittenPointsAreCounted() async throws {
        try await withStoreRouter { client, _, _ in
            #expect(try await get(client, "/status").0 == .noContent)
            try await client.execute(uri: "/write?db=db", method: .post, body: ByteBuffer(string: "cpu v=1 1\ncpu v=2 2")) { _ in }
            _ = try await get(client, "/query?q=SELEC")
            let (status, body) = try await get(client, "/debug/vars")
            #expect(status == .ok)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
            let httpd = try #require((document["httpd:127.0.0.1:8086"] as? [String: Any])?["values"] as? [String: Int])
            #expect(httpd["writeReq"] == 1 && httpd["pointsWrittenOK"] == 2 && httpd["statusReq"] == 1)
            #expect(httpd["queryReq"] == 1 && httpd["clientError"] == 1 && httpd["reqActive"] == 1)
            #expect((document["database:db"] as? [String: Any])?["values"] as? [String: Int] == ["numMeasurements": 1, "numSeries": 1])
        }
    }

    @Test func withAuthTheVariablesNeedAnAdmin() async throws {
        try await withStoreRouter(authEnabled: true) { client, _, access in
            try access.createUser("admin", password: "pw", isAdmin: true)
            try access.createUser("reader", password: "pw", isAdmin: false)
            #expect(try await get(client, "/debug/vars").0 == .unauthorized)
            #expect(try await get(client, "/debug/vars?u=reader&p=pw").0 == .forbidden)
            #expect(try await get(client, "/debug/vars?u=admin&p=pw").0 == .ok)
            #expect(try await get(client, "/status").0 == .noContent)
        }
    }
}
