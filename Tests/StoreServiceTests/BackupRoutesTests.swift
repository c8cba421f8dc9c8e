import Foundation
import Hummingbird
import HummingbirdTesting
import StoreAccess
import Testing

@testable import StoreService

/// `GET /sundial/v1/backup`: who may take one (the stream itself is tested end to end in e2e/tests/test_store_backup.py).
@Suite struct BackupRoutesTests {
    @Test func withAuthOffABackupIsRefusedOnceUsersExist() async throws {
        try await withStoreRouter { client, _, access in
            let open = try await client.execute(uri: "/sundial/v1/backup", method: .get) { $0.status }
            #expect(open == .ok, "no user, no token: nothing secret to give away")
            try access.createUser("bob", password: "pw", isAdmin: true)
            let refused = try await client.execute(uri: "/sundial/v1/backup", method: .get) { ($0.status, String(buffer: $0.body)) }
            #expect(refused.0 == .forbidden && refused.1.contains("needs auth-enabled = true"), "\(refused)")
        }
    }

    @Test func withAuthOnOnlyAnAdminMayTakeOne() async throws {
        try await withStoreRouter(authEnabled: true) { client, _, access in
            try access.createUser("admin", password: "pw", isAdmin: true)
            try access.createUser("reader", password: "pw", isAdmin: false)
            #expect(try await client.execute(uri: "/sundial/v1/backup", method: .get) { $0.status } == .unauthorized)
            #expect(try await client.execute(uri: "/sundial/v1/backup?u=reader&p=pw", method: .get) { $0.status } == .forbidden)
            #expect(try await client.execute(uri: "/sundial/v1/backup?u=admin&p=pw", method: .get) { $0.status } == .ok)
        }
    }

    @Test func theGateLetsOneBackupInAtATime() {
        let gate = BackupGate()
        #expect(gate.enter())
        #expect(!gate.enter())
        gate.leave()
        #expect(gate.enter())
    }
}
