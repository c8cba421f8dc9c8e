import Foundation
import Logging

/// The deliveries through one handler, in the order their events were raised: each stored before its first attempt,
/// attempted with a deadline, retried with back-off until it is sent or its retry time is spent (then a dead letter).
/// A later event of the same alert id waits for the earlier ones, so a recovery never overtakes its critical; other
/// alert ids go on. One attempt at a time, so a slow endpoint holds up only its own lane. An endpoint that has failed
/// every attempt for longer than the retry time is taken as down: a delivery that fails then is a dead letter at
/// once, and the deliveries that were already waiting at its last failure become dead letters without an attempt,
/// so the events behind a dead endpoint do not each wait their own retry time in turn; an event raised after that
/// failure still gets its attempt, which finds out whether the endpoint is back.
actor DeliveryLane {
    private struct Entry {
        /// The lane's own sequence, to find the entry again after an attempt (the queue may have grown meanwhile).
        let sequence: Int
        var delivery: Delivery
        var nextAttempt: ContinuousClock.Instant
        /// Whether it is stored (or storing it failed, and it is kept in memory only).
        var isStored: Bool
        /// When it joined the lane.
        let queuedAt: ContinuousClock.Instant
    }

    private enum Next {
        case ready(Int)
        case wait(until: ContinuousClock.Instant)
    }

    private let route: DeliveryRoute
    private var handler: Result<any SendingHandler, HandlerRefusal>
    private let outbox: AlertOutbox
    private var queue: [Entry] = []
    /// How many entries of each alert id are waiting: a new entry behind others of its id cannot be due before them.
    private var waitingPerID: [String: Int] = [:]
    /// New entries not yet stored: always the last ones of the queue (entries leave only after they were stored).
    private var unstored = 0
    private var sequence = 0
    private var running = false
    private var waiter: CheckedContinuation<Void, Never>?
    private var timer: Task<Void, Never>?
    private var sleepNumber = 0
    /// Since when every attempt through the lane has failed (nil after a success), the last failure and its reason.
    private var failing: (since: ContinuousClock.Instant, last: ContinuousClock.Instant, reason: String)?

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
        queue.append(Entry(sequence: sequence, delivery: delivery, nextAttempt: .now, isStored: isStored, queuedAt: .now))
        waitingPerID[delivery.alertID, default: 0] += 1
        if !isStored { unstored += 1 }
        // Woken even when the new entry waits behind others of its id: it is stored at once, not at the next attempt.
        wake()
        guard !running else { return }
        running = true
        Task { await run() }
    }

    private func run() async {
        while !queue.isEmpty {
            storeNew()
            switch next(at: .now) {
            case .ready(let index) where isWaitingBehindADeadEndpoint(queue[index]): buryWaitingBehindADeadEndpoint()
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
        for (index, entry) in queue.enumerated() {
            // Every alert id's first entry seen: the rest wait behind them.
            if blocked.count == waitingPerID.count { break }
            guard blocked.insert(entry.delivery.alertID).inserted else { continue }
            if entry.nextAttempt <= now { return .ready(index) }
            earliest = min(earliest ?? entry.nextAttempt, entry.nextAttempt)
        }
        return .wait(until: earliest ?? now)
    }

    /// Stores the entries not yet stored, in one transaction.
    private func storeNew() {
        guard unstored > 0 else { return }
        let indices = Array(queue.indices.suffix(unstored))
        unstored = 0
        for index in indices { queue[index].isStored = true }
        do {
            let numbers = try outbox.persistence.insert(indices.map { queue[$0].delivery })
            for (index, number) in zip(indices, numbers) { queue[index].delivery.number = number }
        } catch {
            outbox.logger.error("alert outbox: cannot store \(indices.count) deliveries (they are kept in memory only): \(error)")
        }
    }

    /// Whether the endpoint has failed for longer than the retry time and `entry` was waiting at its last failure.
    private func isWaitingBehindADeadEndpoint(_ entry: Entry) -> Bool {
        guard let failing, outbox.policy.retryFor > .zero, entry.delivery.attempts == 0 else { return false }
        return failing.last - failing.since >= outbox.policy.retryFor && entry.queuedAt < failing.last
    }

    /// Every entry waiting behind a dead endpoint, made a dead letter at once (one transaction).
    private func buryWaitingBehindADeadEndpoint() {
        let untried = queue.filter(isWaitingBehindADeadEndpoint)
        let sequences = Set(untried.map(\.sequence))
        queue.removeAll { sequences.contains($0.sequence) }
        for entry in untried { left(entry.delivery.alertID) }
        let reason = failing.map { "the endpoint has failed every attempt for longer than the retry time: \($0.reason)" } ?? ""
        outbox.bury(untried.map(\.delivery), reason: reason)
    }

    /// An entry of `alertID` has left the queue.
    private func left(_ alertID: String) {
        let waiting = waitingPerID[alertID, default: 1] - 1
        waitingPerID[alertID] = waiting > 0 ? waiting : nil
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
            failing = nil
            queue.remove(at: index)
            left(delivery.alertID)
            outbox.sent(delivery)
            return
        }
        delivery.lastError = refusal.description
        let now = ContinuousClock.now
        if !refusal.isPermanent { failing = (failing?.since ?? now, now, refusal.description) }
        let spent = Duration.seconds(startedAt - (delivery.firstAttempt ?? startedAt))
        let laneSpent = failing.map { now - $0.since } ?? .zero
        if refusal.isPermanent || spent >= outbox.policy.retryFor || laneSpent >= outbox.policy.retryFor {
            queue.remove(at: index)
            left(delivery.alertID)
            outbox.bury([delivery], reason: refusal.description)
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
