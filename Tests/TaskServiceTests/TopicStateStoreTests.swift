import Alerting
import Foundation
import Testing
import TimeSeries

@testable import TaskService

/// Alert topic states kept in SQLite: a new registry on the same file starts with the last state of every event,
/// and a deleted topic is gone from the file too.
struct TopicStateStoreTests {
    @Test func aNewRegistryStartsFromTheSavedStates() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("alerts-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let first = try TopicRegistry(persistence: TopicStateStore(path: path))
        let state = EventState(level: .critical, message: "cpu is CRITICAL", details: "", time: 1_000, duration: 20)
        first.collect(AlertEvent(topic: "main:t:alert2", id: "cpu", state: state, previousLevel: .ok, recoverable: true, data: []))
        first.collect(AlertEvent(topic: "other", id: "x", state: state, previousLevel: .ok, recoverable: true, data: []))
        #expect(try TopicRegistry(persistence: TopicStateStore(path: path)).summaries().isEmpty, "nothing is written before saveChanges")
        try first.saveChanges()
        first.delete("other")

        let second = try TopicRegistry(persistence: TopicStateStore(path: path))
        #expect(second.state(topic: "main:t:alert2", eventID: "cpu") == state)
        #expect(second.summaries().map(\.id) == ["main:t:alert2"])
    }
}
