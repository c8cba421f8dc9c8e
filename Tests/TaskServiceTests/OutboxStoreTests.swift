import Alerting
import Foundation
import Testing

@testable import TaskService

/// The outbox's SQLite file: deliveries come back in order after a reopen with their attempts, dead letters are
/// kept up to the limit (newest first), and clearing them leaves the pending ones.
@Suite struct OutboxStoreTests {
    @Test func deliveriesAndDeadLettersSurviveAReopen() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("outbox-\(UUID().uuidString).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let route = DeliveryRoute(
            owner: "task cpu alert2", kind: "post", options: HandlerOptions(["url": .string("http://x"), "timeout": .duration(5)]))
        var first = Delivery(route: route, alertID: "a", event: Data("{}".utf8))
        do {
            let store = try OutboxStore(path: path)
            let numbers = try store.insert([first, Delivery(route: route, alertID: "b", event: Data("[]".utf8)), first, first])
            #expect(numbers == [1, 2, 3, 4])
            first.number = 1
            first.attempts = 2
            first.firstAttempt = 1000.5
            first.lastError = "code: 500"
            try store.update(first)
            try store.delete(2)
            var buried = first
            buried.number = 3
            try store.bury([buried], at: 2000, limit: 1)
            buried.number = 4
            try store.bury([buried], at: 2001, limit: 1)
        }
        let reopened = try OutboxStore(path: path)
        let pending = try reopened.pending()
        #expect(pending.map(\.number) == [1])
        #expect(
            pending[0].route == route && pending[0].attempts == 2 && pending[0].firstAttempt == 1000.5
                && pending[0].lastError == "code: 500")
        let letters = try reopened.deadLetters()
        #expect(letters.map(\.delivery.number) == [4] && letters[0].failedAt == 2001, "only the newest, up to the limit")
        try reopened.clearDeadLetters()
        #expect(try reopened.deadLetters().isEmpty && reopened.pending().count == 1)
    }
}
