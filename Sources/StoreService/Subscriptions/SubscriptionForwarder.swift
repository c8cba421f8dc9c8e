import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import Storage
import Synchronization

/// Sends copies of writes to subscription destinations, as InfluxDB 1.x's subscriber service does: asynchronously,
/// best effort, one outgoing request per incoming batch, no retries.
///
/// Each subscription has a queue of at most `bufferSize` batches (InfluxDB's `write-buffer-size`); when it is full
/// a batch is dropped and counted. One sender per subscription keeps the batches in order. `ALL` sends each batch to
/// every destination; `ANY` to one, round-robin, trying the next only when one fails.
final class SubscriptionForwarder: SubscriptionSink {
    struct Key: Hashable {
        var database: String
        var retentionPolicy: String
        var name: String
    }

    struct Batch: Sendable {
        var lines: [UInt8]
        var subscription: SubscriptionInfo
    }

    private let queues = Mutex<[Key: AsyncStream<Batch>.Continuation]>([:])
    private let sender: SubscriptionSender
    private let bufferSize: Int
    private let counters = Mutex((sent: 0, failed: 0, dropped: 0))
    let logger: Logger

    init(httpClient: HTTPClient = SubscriptionSender.sharedClient, timeout: Duration = .seconds(30), bufferSize: Int = 1000, logger: Logger)
    {
        self.sender = SubscriptionSender(httpClient: httpClient, timeout: timeout)
        self.bufferSize = bufferSize
        self.logger = logger
    }

    /// Batches sent, failed and dropped so far (InfluxDB's `pointsWritten`/`writeFailures` kind of statistics).
    var statistics: (sent: Int, failed: Int, dropped: Int) { counters.withLock { $0 } }

    func forward(_ lines: [UInt8], database: String, retentionPolicy: String, subscriptions: [SubscriptionInfo]) {
        retire(database: database, retentionPolicy: retentionPolicy, keeping: Set(subscriptions.map(\.name)))
        for subscription in subscriptions {
            let key = Key(database: database, retentionPolicy: retentionPolicy, name: subscription.name)
            let result = queue(for: key).yield(Batch(lines: lines, subscription: subscription))
            if case .dropped = result {
                counters.withLock { $0.dropped += 1 }
                logger.warning("subscription \(subscription.name) on \(database).\(retentionPolicy): queue full, batch dropped")
            }
        }
    }

    /// Ends the senders of the policy's subscriptions that were dropped since its last write.
    private func retire(database: String, retentionPolicy: String, keeping names: Set<String>) {
        queues.withLock { queues in
            for key in queues.keys where key.database == database && key.retentionPolicy == retentionPolicy && !names.contains(key.name) {
                queues.removeValue(forKey: key)?.finish()
            }
        }
    }

    private func queue(for key: Key) -> AsyncStream<Batch>.Continuation {
        queues.withLock { queues in
            if let existing = queues[key] { return existing }
            let (stream, continuation) = AsyncStream<Batch>.makeStream(bufferingPolicy: .bufferingOldest(bufferSize))
            queues[key] = continuation
            Task { await drain(stream, key: key) }
            return continuation
        }
    }

    private func drain(_ stream: AsyncStream<Batch>, key: Key) async {
        var next = 0
        for await batch in stream {
            let destinations = batch.subscription.destinations
            guard !destinations.isEmpty else { continue }
            switch batch.subscription.mode {
            case .all:
                for destination in destinations { await send(batch.lines, to: destination, key: key) }
            case .any:
                for attempt in 0..<destinations.count {
                    let destination = destinations[(next + attempt) % destinations.count]
                    if await send(batch.lines, to: destination, key: key) { break }
                }
                next = (next + 1) % destinations.count
            }
        }
    }

    @discardableResult
    private func send(_ lines: [UInt8], to destination: String, key: Key) async -> Bool {
        do {
            try await sender.send(lines, to: destination, database: key.database, retentionPolicy: key.retentionPolicy)
            counters.withLock { $0.sent += 1 }
            return true
        } catch {
            counters.withLock { $0.failed += 1 }
            logger.warning(
                "subscription \(key.name) on \(key.database).\(key.retentionPolicy): write to \(SubscriptionSender.redacted(destination)) failed: \(error)"
            )
            return false
        }
    }

    /// Ends every sender once its queue is empty.
    func finish() {
        queues.withLock { queues in
            for continuation in queues.values { continuation.finish() }
            queues.removeAll()
        }
    }
}
