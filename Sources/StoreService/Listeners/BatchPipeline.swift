import Logging
import Storage
import Synchronization

/// What a listener read, gathered into batches of `batchSize` points (or whatever `batchTimeout` found) and written
/// to the store in order by one writer. Batches wait in a queue of `batchPending`; one that finds it full is dropped
/// and counted. Counts into the listener's statistic.
final class BatchPipeline: Sendable {
    private let configuration: DatagramListener.Configuration
    private let engine: StorageEngine
    private let counters: StoreStatistics.Counters
    private let logger: Logger
    private let pending = Mutex<(lines: [UInt8], points: Int)>(([], 0))
    private let closed = Atomic(false)
    private let queue: AsyncStream<[UInt8]>.Continuation
    private let batches: AsyncStream<[UInt8]>

    init(configuration: DatagramListener.Configuration, engine: StorageEngine, counters: StoreStatistics.Counters, logger: Logger) {
        self.configuration = configuration
        self.engine = engine
        self.counters = counters
        self.logger = logger
        (batches, queue) = AsyncStream.makeStream(of: [UInt8].self, bufferingPolicy: .bufferingOldest(configuration.batchPending))
    }

    /// Runs the writer and the batch timer while `reading` runs; when it returns, writes what was gathered and ends.
    func run(reading: () async -> Void) async {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.write() }
            group.addTask {
                while !self.closed.load(ordering: .relaxed) {
                    try? await Task.sleep(for: self.configuration.batchTimeout)
                    if let batch = self.takeAll() { self.enqueue(batch) }
                }
            }
            await reading()
            if let batch = takeAll() { enqueue(batch) }
            closed.store(true, ordering: .relaxed)
            queue.finish()
        }
    }

    /// Adds what one read decoded; a full batch goes to the writer.
    func add(_ decoded: DatagramListener.Decoded) {
        if decoded.invalid > 0 { counters.add(Int64(decoded.invalid), to: "droppedPointsInvalid") }
        guard !decoded.lines.isEmpty else { return }
        let full = pending.withLock { pending -> [UInt8]? in
            pending.lines.append(contentsOf: decoded.lines)
            if pending.lines.last != UInt8(ascii: "\n") { pending.lines.append(UInt8(ascii: "\n")) }
            pending.points += decoded.points
            guard pending.points >= configuration.batchSize else { return nil }
            defer { pending = ([], 0) }
            return pending.lines
        }
        if let full { enqueue(full) }
    }

    private func takeAll() -> [UInt8]? {
        pending.withLock { pending -> [UInt8]? in
            guard !pending.lines.isEmpty else { return nil }
            defer { pending = ([], 0) }
            return pending.lines
        }
    }

    private func enqueue(_ batch: [UInt8]) {
        if case .dropped = queue.yield(batch) { counters.increment("batchesDropped") }
    }

    private func write() async {
        for await batch in batches {
            do {
                let outcome = try await engine.write(
                    batch, database: configuration.database, retentionPolicy: configuration.retentionPolicy,
                    precision: configuration.precision)
                counters.add(Int64(outcome.parseErrors.count), to: "pointsParseFail")
                counters.add(Int64(outcome.pointsWritten + outcome.dropped), to: "pointsReceived")
                counters.add(Int64(outcome.pointsWritten), to: "pointsTx")
                counters.increment("batchesTx")
                if let message = outcome.errorMessage { logger.info("Failed to write points from \(configuration.kind): \(message)") }
            } catch {
                counters.increment("batchesTxFail")
                logger.error("Failed to write point batch to database \(configuration.database): \(error)")
            }
        }
    }
}
