import Foundation
public import Logging
import Synchronization

/// Durable alert delivery: every event a sending handler gets goes through here, one lane per handler
/// (`DeliveryLane`), stored before its first attempt and until it is sent, retried with back-off, and given up on
/// into the dead letters only when its retry time is spent. The task that raised it never waits: a slow or dead
/// endpoint holds up only its own lane. Kapacitor's send-once behaviour is a handler's `send-once` option.
public final class AlertOutbox: Sendable {
    let persistence: any OutboxPersistence
    public let policy: DeliveryPolicy
    let logger: Logger
    private let lanes = Mutex<[DeliveryRoute: DeliveryLane]>([:])
    private let buried = Mutex<[String: Int64]>([:])
    private let throttle = LogThrottle()

    /// `persistence` nil: deliveries and dead letters are kept in memory only (tests, a server without a data
    /// directory).
    public init(
        persistence: (any OutboxPersistence)? = nil, policy: DeliveryPolicy = .init(), logger: Logger = Logger(label: "alert-outbox")
    ) {
        self.persistence = persistence ?? MemoryOutbox()
        self.policy = policy
        self.logger = logger
    }

    /// Hands an event to the lane of `route`; returns once it is queued, long before it is sent.
    func submit(_ event: AlertEvent, route: DeliveryRoute, handler: any SendingHandler) async {
        let stored: Data
        do {
            stored = try StoredAlertEvent(event).encoded()
        } catch {
            logger.error("alert outbox: event \(event.id) cannot be stored, not sent through \(route.kind): \(error)")
            return
        }
        let delivery = Delivery(route: route, alertID: event.id, event: stored)
        let lane = lane(route, making: { .success(handler) })
        await lane.adopt(handler)
        await lane.add(delivery)
    }

    /// Starts the lanes of the deliveries stored when the process last stopped, with handlers made again from their
    /// routes through `services` (a handler that can no longer be made turns its deliveries into dead letters).
    public func resume(services: HandlerServices) async throws {
        let pending = try persistence.pending()
        guard !pending.isEmpty else { return }
        logger.info("alert outbox: \(pending.count) deliveries left from the last run are sent again")
        let byRoute = Dictionary(grouping: pending, by: \.route)
        for (route, deliveries) in byRoute {
            let lane = lane(route) { () -> Result<any SendingHandler, HandlerRefusal> in
                do {
                    guard let handler = try AlertHandlerCatalog.sendingHandler(route, services: services, logger: self.logger) else {
                        return .failure(HandlerRefusal("\(route.kind) handlers do not send"))
                    }
                    return .success(handler)
                } catch let refusal as HandlerRefusal {
                    return .failure(refusal)
                } catch {
                    return .failure(HandlerRefusal("\(error)"))
                }
            }
            await lane.restore(deliveries.sorted { $0.number < $1.number })
        }
    }

    private func lane(_ route: DeliveryRoute, making handler: () -> Result<any SendingHandler, HandlerRefusal>) -> DeliveryLane {
        lanes.withLock { lanes in
            if let lane = lanes[route] { return lane }
            let lane = DeliveryLane(route: route, handler: handler(), outbox: self)
            lanes[route] = lane
            return lane
        }
    }

    public func deadLetters() throws -> [DeadLetter] { try persistence.deadLetters() }

    public func clearDeadLetters() throws { try persistence.clearDeadLetters() }

    /// Deliveries given up on since start whose handler `owner` configured (`task cpu alert2`).
    public func deadLetterCount(owner: String) -> Int64 { buried.withLock { $0[owner] ?? 0 } }

    // MARK: What lanes report

    /// An event past the lane's pending limit: counted with the dead letters and reported (at most every few
    /// seconds), but not kept, so a flood against a dead endpoint costs no disk write per event.
    func shed(_ delivery: Delivery, waiting: Int) {
        buried.withLock { $0[delivery.route.owner, default: 0] += 1 }
        let route = delivery.route
        if let suppressed = throttle.admit(route.owner + "\u{0}" + route.kind + "\u{0}full") {
            logger.error(
                "\(route.kind) handler (\(route.owner)): outbox full (\(waiting) events waiting), \(suppressed + 1) event(s) dropped, the latest \(delivery.alertID)"
            )
        }
    }

    func sent(_ delivery: Delivery) {
        guard delivery.number != 0 else { return }
        do {
            try persistence.delete(delivery.number)
        } catch {
            logger.error("alert outbox: delivery \(delivery.number) was sent but cannot be removed (it may be sent again): \(error)")
        }
    }

    func retrying(_ delivery: Delivery, after wait: Duration) {
        logger.warning(
            "\(delivery.route.kind) handler (\(delivery.route.owner)): attempt \(delivery.attempts) for \(delivery.alertID) failed, retrying in \(wait): \(delivery.lastError)"
        )
        guard delivery.number != 0 else { return }
        do {
            try persistence.update(delivery)
        } catch {
            logger.error("alert outbox: cannot record attempt of delivery \(delivery.number): \(error)")
        }
    }

    /// Makes deliveries of one lane dead letters, all for `reason`: one report, one transaction.
    func bury(_ deliveries: [Delivery], reason: String) {
        guard let first = deliveries.first else { return }
        let buriedNow = deliveries.map { delivery in
            var delivery = delivery
            delivery.lastError = reason
            return delivery
        }
        let route = first.route
        if let suppressed = throttle.admit(route.owner + "\u{0}" + route.kind) {
            let more = suppressed + deliveries.count > 1 ? " (and \(suppressed + deliveries.count - 1) more since the last report)" : ""
            logger.error(
                "\(route.kind) handler (\(route.owner)): gave up on \(first.alertID) after \(first.attempts) attempt(s), now a dead letter\(more): \(reason)"
            )
        }
        do {
            try persistence.bury(buriedNow, at: Date().timeIntervalSince1970, limit: policy.deadLetterLimit)
        } catch {
            logger.error("alert outbox: cannot record \(deliveries.count) dead letter(s) for \(route.owner): \(error)")
        }
        // Counted once recorded: whoever sees the count can read the letters.
        buried.withLock { $0[route.owner, default: 0] += Int64(deliveries.count) }
    }
}

/// Deliveries and dead letters in memory, for an outbox without a data directory.
final class MemoryOutbox: OutboxPersistence {
    private struct State {
        var next: Int64 = 1
        var pending: [Int64: Delivery] = [:]
        var dead: [DeadLetter] = []
    }

    private let state = Mutex(State())

    func insert(_ deliveries: [Delivery]) throws -> [Int64] {
        state.withLock { state in
            deliveries.map { delivery in
                var delivery = delivery
                delivery.number = state.next
                state.next += 1
                state.pending[delivery.number] = delivery
                return delivery.number
            }
        }
    }

    func delete(_ number: Int64) throws { state.withLock { _ = $0.pending.removeValue(forKey: number) } }

    func update(_ delivery: Delivery) throws { state.withLock { $0.pending[delivery.number] = delivery } }

    func bury(_ deliveries: [Delivery], at time: Double, limit: Int) throws {
        state.withLock { state in
            for delivery in deliveries {
                state.pending[delivery.number] = nil
                state.dead.append(DeadLetter(delivery: delivery, failedAt: time))
            }
            if state.dead.count > limit { state.dead.removeFirst(state.dead.count - limit) }
        }
    }

    func pending() throws -> [Delivery] { state.withLock { $0.pending.values.sorted { $0.number < $1.number } } }

    func deadLetters() throws -> [DeadLetter] { state.withLock { $0.dead } }

    func clearDeadLetters() throws { state.withLock { $0.dead = [] } }
}
