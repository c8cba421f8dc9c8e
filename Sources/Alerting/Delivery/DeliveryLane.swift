import Foundation
import Logging

/// The deliveries through one handler, in the order their events were raised: each stored before its first attempt,
/// attempted with a deadline, retried with back-off until it is sent or its retry time is spent (then a dead letter).
/// A later event of the same alert id waits for the earlier ones, so a recovery never overtakes its critical; other
/// alert ids go on. One attempt at a time, so a slow endpoint holds up only its own lane.
actor DeliveryLane {
    private struct Entry {
        /// The lane's own sequence, to find the entry again after an attempt (the queue may have grown meanwhile).
        let sequence: Int
        var delivery: Delivery
        var nextAttempt: ContinuousClock.Instant
        /// Whether it is stored (or storing it failed, and it is kept in memory only).
        var isStored: Bool
    }

    private enum Next {
        case ready(Int)
        case wait(until: ContinuousClock.Instant)
    }

    private let route: DeliveryRoute
    private var handler: Result<any SendingHandler, HandlerRefusal>
    private let outbox: AlertOutbox
    private var queue: [Entry] = []
    private var sequence = 0
    private var running = false
    private var waiter: CheckedContinuation<Void, Never>?
    private var timer: Task<Void, Never>?
    private var sleepNumber = 0

    init(route: DeliveryRoute, handler: Result<any SendingHandler, HandlerRefusal>, outbox: AlertOutbox) {
        self.route = route
        self.handler = handler
        self.outbox = outbox
    }

    /// A new delivery; past the pending limit it is dropped, counted and reported (`AlertOutbox.shed`).
    func add(_ delivery: Delivery) {
        guard queue.count < outbox.policy.pendingLimit else {
            outbox.shed(delivery, waiting: queue.count)
            return
        }
        append(delivery, isStored: false)
    }

    /// Deliveries found stored at start: attempted again at once, their retry time counted from their first attempt.
    func restore(_ deliveries: [Delivery]) {
        for delivery in deliveries { append(delivery, isStored: true) }
    }

    private func append(_ delivery: Delivery, isStored: Bool) {
        sequence += 1
        queue.append(Entry(sequence: sequence, delivery: delivery, nextAttempt: .now, isStored: isStored))
        wake()
        guard !running else { return }
        running = true
        Task { await run() }
    }

    private func run() async {
        while !queue.isEmpty {
            storeNew()
            switch next(at: .now) {
            case .ready(let index): await attempt(queue[index])
            case .wait(let instant): await sleep(until: instant)
            }
        }
        running = false
    }

    /// The first entry due whose alert id has no earlier entry waiting, or when the earliest such entry is due.
    private func next(at now: ContinuousClock.Instant) -> Next {
        var blocked: Set<String> = []
        var earliest: ContinuousClock.Instant?
        for (index, entry) in queue.enumerated() where blocked.insert(entry.delivery.alertID).inserted {
            if entry.nextAttempt <= now { return .ready(index) }
            earliest = min(earliest ?? entry.nextAttempt, entry.nextAttempt)
        }
        return .wait(until: earliest ?? now)
    }

    /// Stores the entries not yet stored, in one transaction.
    private func storeNew() {
        let indices = queue.indices.filter { !queue[$0].isStored }
        guard !indices.isEmpty else { return }
        for index in indices { queue[index].isStored = true }
        do {
            let numbers = try outbox.persistence.insert(indices.map { queue[$0].delivery })
            for (index, number) in zip(indices, numbers) { queue[index].delivery.number = number }
        } catch {
            outbox.logger.error("alert outbox: cannot store \(indices.count) deliveries (they are kept in memory only): \(error)")
        }
    }

    private func attempt(_ entry: Entry) async {
        var delivery = entry.delivery
        let startedAt = Date().timeIntervalSince1970
        if delivery.firstAttempt == nil { delivery.firstAttempt = startedAt }
        delivery.attempts += 1
        let outcome: HandlerRefusal?
        switch (handler, Result { try StoredAlertEvent.decoded(delivery.event) }) {
        case (.failure(let refusal), _): outcome = HandlerRefusal(refusal.description, isPermanent: true)
        case (_, .failure(let error)): outcome = HandlerRefusal("the stored event cannot be read: \(error)", isPermanent: true)
        case (.success(let handler), .success(let event)):
            outcome = await Deadline.run(outbox.policy.attemptTimeout) { () throws(HandlerRefusal) in try await handler.send(event) }
        }
        guard let index = queue.firstIndex(where: { $0.sequence == entry.sequence }) else { return }
        guard let refusal = outcome else {
            queue.remove(at: index)
            outbox.sent(delivery)
            return
        }
        delivery.lastError = refusal.description
        let spent = Duration.seconds(startedAt - (delivery.firstAttempt ?? startedAt))
        if refusal.isPermanent || spent >= outbox.policy.retryFor {
            queue.remove(at: index)
            outbox.bury(delivery, reason: refusal.description)
            return
        }
        let wait = outbox.policy.backoff(afterAttempts: delivery.attempts)
        queue[index].delivery = delivery
        queue[index].nextAttempt = .now + wait
        outbox.retrying(delivery, after: wait)
    }

    private func sleep(until instant: ContinuousClock.Instant) async {
        sleepNumber += 1
        let number = sleepNumber
        await withCheckedContinuation { continuation in
            waiter = continuation
            timer = Task { [weak self] in
                // A cancelled timer wakes nobody: the sleep it was for has already ended.
                do { try await Task.sleep(until: instant, clock: .continuous) } catch { return }
                await self?.wake(sleep: number)
            }
        }
    }

    /// Ends the current sleep; a timer's wake for an earlier sleep is ignored.
    private func wake(sleep number: Int? = nil) {
        if let number, number != sleepNumber { return }
        timer?.cancel()
        timer = nil
        waiter?.resume()
        waiter = nil
    }

    /// Takes a working handler for a lane whose own could not be made at start (the service was configured since).
    func adopt(_ replacement: any SendingHandler) {
        if case .failure = handler { handler = .success(replacement) }
    }
}
