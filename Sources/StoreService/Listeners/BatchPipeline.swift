import Logging
import Storage
import Synchronization

/// What a listener read, gathered into batches of `batchSize` points (or whatever `batchTimeout` found) and written
/// to the store in order by one writer. Batches wait in a queue of `batchPending` (`BatchQueue`); while it is full
/// the listener waits instead of reading, as InfluxDB's does. Counts into the listener's statistic.
final class BatchPipeline: Sendable {
    private let configuration: DatagramListener.Configuration
    private let engine: StorageEngine
    private let counters: StoreStatistics.Counters
    private let logger: Logger
    private let pending = Mutex<(lines: [UInt8], points: Int)>(([], 0))
    private let queue: BatchQueue

    init(configuration: DatagramListener.Configuration, engine: StorageEngine, counters: StoreStatistics.Counters, logger: Logger) {
        self.configuration = configuration
        self.engine = engine
        self.counters = counters
        self.logger = logger
        queue = BatchQueue(capacity: configuration.batchPending)
    }

    /// Runs the writer and the batch timer while `reading` runs; when it returns, writes what was gathered and ends.
    func run(reading: () async -> Void) async {
        let writer = Task { await write() }
        let timer = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: configuration.batchTimeout)
                if !Task.isCancelled, let batch = takeAll() { await queue.add(batch) }
            }
        }
        await reading()
        // The timer is stopped, not waited out: a listener stops at once, whatever its batch timeout.
        timer.cancel()
        await timer.value
        if let batch = takeAll() { await queue.add(batch) }
        queue.finish()
        await writer.value
    }

    /// Adds what one read decoded; a full batch goes to the writer, waiting while `batchPending` batches are queued.
    func add(_ decoded: DatagramListener.Decoded) async {
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
        if let full { await queue.add(full) }
    }

    private func takeAll() -> [UInt8]? {
        pending.withLock { pending -> [UInt8]? in
            guard !pending.lines.isEmpty else { return nil }
            defer { pending = ([], 0) }
            return pending.lines
        }
    }

    private func write() async {
        while let batch = await queue.take() {
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
