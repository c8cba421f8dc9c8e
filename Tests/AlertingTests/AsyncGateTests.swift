import Synchronization
import Testing

@testable import Alerting

/// One at a time through the gate (MQTT publishes with one client id), and a cancelled waiter gives up its turn.
struct AsyncGateTests {
    @Test func oneAtATime() async throws {
        let gate = AsyncGate()
        let inside = Inside()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await gate.run {
                        inside.enter()
                        try await Task.sleep(for: .milliseconds(2))
                        inside.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(inside.most == 1)
    }

    @Test func aCancelledWaiterLeavesTheLine() async throws {
        let gate = AsyncGate()
        let holder = Task { try await gate.run { try await Task.sleep(for: .seconds(1)) } }
        try await Task.sleep(for: .milliseconds(50))
        let waiter = Task { try await gate.run { "ran" } }
        try await Task.sleep(for: .milliseconds(50))
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        holder.cancel()
        _ = try? await holder.value
        #expect(try await gate.run { "free" } == "free")
    }
}

/// How many are inside the gate now, and the most there ever were.
private final class Inside: Sendable {
    private let counts = Mutex((now: 0, most: 0))

    func enter() {
        counts.withLock { counts in
            counts.now += 1
            counts.most = max(counts.most, counts.now)
        }
    }

    func leave() { counts.withLock { $0.now -= 1 } }

    var most: Int { counts.withLock { $0.most } }
}
