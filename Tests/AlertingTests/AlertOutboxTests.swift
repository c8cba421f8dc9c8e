import Foundation
import Logging
import Synchronization
import Testing
import TimeSeries

@testable import Alerting

/// The alert outbox: retried deliveries keep their order per alert id, a handler's failures and slowness stay in
/// its own lane, and what cannot be delivered within the retry time becomes a dead letter.
@Suite struct AlertOutboxTests {
    /// A service stand-in: fails its first `failures` sends, takes `delay` for each, and records what it got.
    final class FlakyService: SendingHandler, Sendable {
        let failureText = "flaky handler"
        let logger = Logger(label: "test")
        let failuresLeft: Mutex<Int>
        let delay: Duration
        let received = Mutex<[String]>([])

        init(failures: Int, delay: Duration = .zero) {
            failuresLeft = Mutex(failures)
            self.delay = delay
        }

        func send(_ event: AlertEvent) async throws(HandlerRefusal) {
            if delay > .zero { try? await Task.sleep(for: delay) }
            let fails = failuresLeft.withLock { left in
                defer { left -= 1 }
                return left > 0
            }
            if fails { throw HandlerRefusal("503 Service Unavailable") }
            received.withLock { $0.append("\(event.id) \(event.state.level)") }
        }

        var got: [String] { received.withLock { $0 } }
    }

    static func event(_ id: String, _ level: AlertLevel, at time: Int64) -> AlertEvent {
        AlertEvent(
            topic: "main:cpu:alert2", id: id,
            state: EventState(level: level, message: "\(id) is \(level)", details: "", time: time, duration: 0),
            previousLevel: .ok, recoverable: true,
            data: [ResultSeries(name: "cpu", columns: ["time", "v"], values: [[.time(time), .float(.nan)]])])
    }

    static func route(_ owner: String) -> DeliveryRoute { DeliveryRoute(owner: owner, kind: "slack", options: HandlerOptions()) }

    static func waitUntil(_ condition: () -> Bool) async throws {
        // Generous: the whole suite runs in parallel on two cores, beside fuzzers.
        let deadline = ContinuousClock.now + .seconds(60)
        while !condition() {
            guard ContinuousClock.now < deadline else { return }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    @Test func failedDeliveriesAreRetriedAndARecoveryNeverOvertakesItsCritical() async throws {
        let outbox = AlertOutbox(policy: DeliveryPolicy(retryInterval: .milliseconds(5), retryMaxInterval: .milliseconds(20)))
        let service = FlakyService(failures: 3)
        for event in [Self.event("a", .critical, at: 1), Self.event("b", .critical, at: 2), Self.event("a", .ok, at: 3)] {
            await outbox.submit(event, route: Self.route("task t alert2"), handler: service)
        }
        try await Self.waitUntil { service.got.count == 3 }
        let got = service.got
        #expect(Set(got) == ["a CRITICAL", "b CRITICAL", "a OK"])
        #expect(got.firstIndex(of: "a CRITICAL")! < got.firstIndex(of: "a OK")!)
        #expect(try outbox.deadLetters().isEmpty)
    }

    @Test func anEventWaitingBehindARetryIsStoredAtOnce() async throws {
        // A long back-off: the lane sleeps after the first failure; the second event of the id must not wait for it.
        let outbox = AlertOutbox(policy: DeliveryPolicy(retryInterval: .seconds(600), retryMaxInterval: .seconds(600)))
        let dead = FlakyService(failures: .max)
        await outbox.submit(Self.event("a", .critical, at: 1), route: Self.route("task t alert2"), handler: dead)
        try await Self.waitUntil { dead.failuresLeft.withLock { $0 } < Int.max }
        await outbox.submit(Self.event("a", .ok, at: 2), route: Self.route("task t alert2"), handler: dead)
        try await Self.waitUntil { (try? outbox.persistence.pending().count) == 2 }
        #expect(try outbox.persistence.pending().count == 2)
    }

    @Test func eventsBehindADeadEndpointDoNotEachWaitTheirOwnRetryTime() async throws {
        // Retry time 200 ms: without taking the endpoint as down, 40 events of one alert id would take 40 × 200 ms.
        let policy = DeliveryPolicy(retryInterval: .milliseconds(20), retryMaxInterval: .milliseconds(20), retryFor: .milliseconds(200))
        let outbox = AlertOutbox(policy: policy)
        let dead = FlakyService(failures: .max)
        for time in 1...40 {
            await outbox.submit(Self.event("a", .critical, at: Int64(time)), route: Self.route("task t alert2"), handler: dead)
        }
        try await Self.waitUntil { outbox.deadLetterCount(owner: "task t alert2") == 40 }
        #expect(outbox.deadLetterCount(owner: "task t alert2") == 40)
        // Each would have had ten attempts or more (200 ms of retries every 20 ms); behind a dead endpoint, one or none.
        let attempts = Int.max - dead.failuresLeft.withLock { $0 }
        #expect(attempts < 100, "\(attempts) attempts")
        let letters = try outbox.deadLetters()
        #expect(letters.map { $0.delivery.alertEvent?.state.time } == (1...40).map { Int64($0) }, "in order")
        #expect(letters.last?.delivery.lastError.contains("503 Service Unavailable") == true)
        // The endpoint back: the next event gets through.
        dead.failuresLeft.withLock { $0 = 0 }
        await outbox.submit(Self.event("a", .ok, at: 41), route: Self.route("task t alert2"), handler: dead)
        try await Self.waitUntil { dead.got.count == 1 }
        #expect(dead.got == ["a OK"])
    }

    @Test func whatCannotBeDeliveredInTheRetryTimeBecomesADeadLetter() async throws {
        let policy = DeliveryPolicy(retryInterval: .milliseconds(5), retryMaxInterval: .milliseconds(5), retryFor: .milliseconds(50))
        let outbox = AlertOutbox(policy: policy)
        let dead = FlakyService(failures: .max)
        await outbox.submit(Self.event("a", .critical, at: 1), route: Self.route("task t alert2"), handler: dead)
        try await Self.waitUntil { outbox.deadLetterCount(owner: "task t alert2") == 1 }
        let letters = try outbox.deadLetters()
        try #require(letters.count == 1)
        #expect(letters[0].delivery.lastError == "503 Service Unavailable" && letters[0].delivery.attempts > 1)
        let event = try #require(letters[0].delivery.alertEvent)
        #expect(event.id == "a" && event.state.level == .critical && event.data[0].values[0][1] != .null, "NaN survives storing")
        try outbox.clearDeadLetters()
        #expect(try outbox.deadLetters().isEmpty)
    }

    @Test func sendOnceHandlersBypassTheOutbox() throws {
        let services = HandlerServices(outbox: AlertOutbox())
        let logger = Logger(label: "test")
        let durable = try AlertHandlerCatalog.make(
            kind: "tcp", options: HandlerOptions(["address": .string("127.0.0.1:9")]), services: services, owner: "o", logger: logger)
        let once = try AlertHandlerCatalog.make(
            kind: "tcp", options: HandlerOptions(["address": .string("127.0.0.1:9"), "send-once": .bool(true)]), services: services,
            owner: "o", logger: logger)
        #expect(durable is OutboxHandler && once is TCPHandler)
    }

    @Test func aSlowEndpointHoldsUpOnlyItsOwnLane() async throws {
        let outbox = AlertOutbox(policy: DeliveryPolicy(attemptTimeout: .seconds(60)))
        let slow = FlakyService(failures: 0, delay: .seconds(30))
        let fast = FlakyService(failures: 0)
        await outbox.submit(Self.event("a", .critical, at: 1), route: Self.route("task slow alert2"), handler: slow)
        await outbox.submit(Self.event("b", .critical, at: 1), route: Self.route("task slow alert2"), handler: slow)
        await outbox.submit(Self.event("a", .critical, at: 1), route: Self.route("task fast alert2"), handler: fast)
        try await Self.waitUntil { fast.got.count == 1 }
        // Delivered while the slow endpoint still holds its first event (its attempt may take a minute).
        #expect(fast.got == ["a CRITICAL"] && slow.got.isEmpty)
    }

    @Test func anAttemptPastItsTimeoutFails() async throws {
        let outbox = AlertOutbox(policy: DeliveryPolicy(attemptTimeout: .milliseconds(100), retryFor: .zero))
        await outbox.submit(
            Self.event("a", .critical, at: 1), route: Self.route("o"), handler: FlakyService(failures: 0, delay: .seconds(30)))
        try await Self.waitUntil { outbox.deadLetterCount(owner: "o") == 1 }
        #expect(try outbox.deadLetters().first?.delivery.lastError == "timed out after 0.1 seconds")
    }

    @Test func pastThePendingLimitNewEventsAreCountedNotKept() async throws {
        let outbox = AlertOutbox(policy: DeliveryPolicy(attemptTimeout: .seconds(5), pendingLimit: 2))
        let slow = FlakyService(failures: 0, delay: .milliseconds(300))
        for time in 1...4 { await outbox.submit(Self.event("a\(time)", .critical, at: Int64(time)), route: Self.route("o"), handler: slow) }
        #expect(outbox.deadLetterCount(owner: "o") == 2)
        #expect(try outbox.deadLetters().isEmpty, "a flood against a dead endpoint writes nothing per event")
    }

    @Test func aPermanentRefusalIsNotRetried() async throws {
        struct Disabled: SendingHandler {
            let failureText = "disabled"
            let logger = Logger(label: "test")
            func send(_ event: AlertEvent) async throws(HandlerRefusal) {
                throw HandlerRefusal("service is not enabled", isPermanent: true)
            }
        }
        let outbox = AlertOutbox(policy: DeliveryPolicy(retryInterval: .milliseconds(1)))
        await outbox.submit(Self.event("a", .critical, at: 1), route: Self.route("o"), handler: Disabled())
        try await Self.waitUntil { outbox.deadLetterCount(owner: "o") == 1 }
        let letter = try #require(try outbox.deadLetters().first)
        #expect(letter.delivery.attempts == 1 && letter.delivery.lastError == "service is not enabled")
    }

    @Test func repeatedReportsAreThrottled() {
        let throttle = LogThrottle(interval: .seconds(3600))
        #expect(throttle.admit("a") == 0 && throttle.admit("a") == nil && throttle.admit("a") == nil && throttle.admit("b") == 0)
    }

    @Test func backoffDoublesUpToItsCeiling() {
        let policy = DeliveryPolicy(retryInterval: .seconds(1), retryMaxInterval: .seconds(5))
        #expect((1...5).map { policy.backoff(afterAttempts: $0) } == [.seconds(1), .seconds(2), .seconds(4), .seconds(5), .seconds(5)])
    }
}
