public import FileIO
import Foundation

/// An append-only, segmented log whose appends are durable when they return: group commit on a dedicated
/// thread writes every record waiting at that moment with one `write` and one `fsync`, so concurrent writers
/// share the cost of a sync.
///
/// Records go into the newest segment until it passes `segmentSize`, then a new one starts. The owner of the log
/// (the storage engine) calls `rollSegment()` before it persists what the log holds elsewhere, and afterwards
/// `removeSegments(through:)` to drop what is no longer needed.
///
/// After a failed write or sync, the failed batch is cut off the segment and the log moves to a new segment, so
/// a failure never leaves a damaged record in front of later, acknowledged ones.
public final class WriteAheadLog: @unchecked Sendable {
    public struct Configuration: Sendable {
        public var directory: String
        public var fileSystem: any FileSystem
        public var segmentSize: Int
        /// How long the flusher waits for more writers before syncing; zero syncs at once.
        public var fsyncDelay: Duration

        public init(
            directory: String, fileSystem: any FileSystem = POSIXFileSystem(), segmentSize: Int = 16 << 20, fsyncDelay: Duration = .zero
        ) {
            self.directory = directory
            self.fileSystem = fileSystem
            self.segmentSize = segmentSize
            self.fsyncDelay = fsyncDelay
        }
    }

    /// What the flusher thread and appenders share, guarded by `condition`.
    private struct Shared {
        var pending: [UInt8] = []
        var waiters: [CheckedContinuation<WALPosition, any Error>] = []
        var rollWaiters: [CheckedContinuation<Int, any Error>] = []
        var isClosing = false
        var isClosed = false
    }

    private let configuration: Configuration
    private let condition = NSCondition()
    private var shared = Shared()
    /// Owned by the flusher thread alone once started.
    private var writer: SegmentWriter
    private let stopped = NSCondition()
    private var hasStopped = false

    /// Opens the log for appending, in a new segment after any existing ones. Replay (`WALReplay`) comes first.
    public init(configuration: Configuration) throws(FileIOError) {
        self.configuration = configuration
        try configuration.fileSystem.createDirectory(configuration.directory)
        let existing = try configuration.fileSystem.contentsOfDirectory(configuration.directory).compactMap(WALSegmentName.id(of:))
        writer = try SegmentWriter(configuration: configuration, id: (existing.max() ?? 0) + 1)
        // The thread keeps the log alive until `close()` stops it.
        let thread = Thread { self.runFlusher() }
        thread.name = "sundial-wal"
        thread.start()
    }

    /// Appends one record and returns once it is on disk (written and synced).
    public func append(_ payload: [UInt8]) async throws -> WALPosition {
        // The checksum is computed before taking the lock, so appenders only contend for a copy.
        let header = payload.withUnsafeBytes { WALRecordFrame.header(for: $0) }
        return try await withCheckedThrowingContinuation { continuation in
            condition.lock()
            defer { condition.unlock() }
            guard !shared.isClosing else {
                continuation.resume(throwing: FileIOError(operation: .write, path: configuration.directory, code: 9))
                return
            }
            shared.pending.append(contentsOf: header)
            shared.pending.append(contentsOf: payload)
            shared.waiters.append(continuation)
            condition.signal()
        }
    }

    /// Finishes the current segment after every record appended before this call; later appends go to a new one.
    /// Returns the id of the segment it finished: everything appended so far is in segments up to that id.
    public func rollSegment() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            condition.lock()
            defer { condition.unlock() }
            shared.rollWaiters.append(continuation)
            condition.signal()
        }
    }

    /// Deletes finished segments with ids up to `id`, oldest first (so a crash midway leaves a contiguous log).
    public func removeSegments(through id: Int) throws(FileIOError) {
        let fileSystem = configuration.fileSystem
        let ids = try fileSystem.contentsOfDirectory(configuration.directory).compactMap(WALSegmentName.id(of:)).sorted()
        for segment in ids where segment <= id && segment < currentSegmentID {
            try fileSystem.remove(configuration.directory + "/" + WALSegmentName.fileName(for: segment))
        }
    }

    /// Ids of the segments on disk, oldest first.
    public func segmentIDs() throws(FileIOError) -> [Int] {
        try configuration.fileSystem.contentsOfDirectory(configuration.directory).compactMap(WALSegmentName.id(of:)).sorted()
    }

    private var currentSegmentID: Int {
        condition.lock()
        defer { condition.unlock() }
        return writer.id
    }

    /// Writes out what is pending, stops the flusher and closes the segment. Appends after this fail.
    public func close() {
        condition.lock()
        shared.isClosing = true
        condition.signal()
        condition.unlock()
        stopped.lock()
        while !hasStopped { stopped.wait() }
        stopped.unlock()
    }

    private func runFlusher() {
        var batch: [UInt8] = []
        while true {
            condition.lock()
            while shared.pending.isEmpty && shared.rollWaiters.isEmpty && !shared.isClosing { condition.wait() }
            if shared.pending.isEmpty && shared.rollWaiters.isEmpty && shared.isClosing { break }
            if configuration.fsyncDelay > .zero && !shared.isClosing {
                condition.unlock()
                Thread.sleep(
                    forTimeInterval: Double(configuration.fsyncDelay.components.attoseconds) / 1e18
                        + Double(configuration.fsyncDelay.components.seconds))
                condition.lock()
            }
            swap(&batch, &shared.pending)
            let waiters = shared.waiters
            let rollWaiters = shared.rollWaiters
            shared.waiters = []
            shared.rollWaiters = []
            condition.unlock()
            flush(batch, waiters: waiters)
            batch.removeAll(keepingCapacity: true)
            if !rollWaiters.isEmpty { roll(rollWaiters) }
        }
        shared.isClosed = true
        condition.unlock()
        try? writer.close()
        stopped.lock()
        hasStopped = true
        stopped.broadcast()
        stopped.unlock()
    }

    private func flush(_ batch: [UInt8], waiters: [CheckedContinuation<WALPosition, any Error>]) {
        guard !batch.isEmpty else { return }
        do {
            let position = try writer.appendDurably(batch)
            for waiter in waiters { waiter.resume(returning: position) }
            if writer.size >= configuration.segmentSize { try? startNextSegment() }
        } catch {
            for waiter in waiters { waiter.resume(throwing: error) }
            try? startNextSegment()
        }
    }

    private func roll(_ waiters: [CheckedContinuation<Int, any Error>]) {
        let finished = writer.id
        do {
            try startNextSegment()
            for waiter in waiters { waiter.resume(returning: finished) }
        } catch {
            for waiter in waiters { waiter.resume(throwing: error) }
        }
    }

    private func startNextSegment() throws(FileIOError) {
        let next = try SegmentWriter(configuration: configuration, id: writer.id + 1)
        condition.lock()
        let previous = writer
        writer = next
        condition.unlock()
        try? previous.close()
    }
}

/// The segment being appended to.
final class SegmentWriter {
    let id: Int
    private let file: any WritableFile

    init(configuration: WriteAheadLog.Configuration, id: Int) throws(FileIOError) {
        self.id = id
        let path = configuration.directory + "/" + WALSegmentName.fileName(for: id)
        file = try configuration.fileSystem.openForAppending(path)
        try configuration.fileSystem.syncDirectory(configuration.directory)
    }

    var size: Int { file.size }

    /// Writes and syncs `bytes`; on failure cuts the segment back to where it was, so no partial record remains.
    func appendDurably(_ bytes: [UInt8]) throws(FileIOError) -> WALPosition {
        let start = file.size
        do {
            try file.write(bytes)
            try file.sync()
        } catch {
            try? file.truncate(to: start)
            throw error
        }
        return WALPosition(segment: id, offset: start)
    }

    func close() throws(FileIOError) {
        try file.close()
    }
}
