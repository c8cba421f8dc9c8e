import Alerting
import Logging
import PipelineSpec
import Synchronization
import TimeSeries

/// What a running task's nodes reach besides their data: its name, the alert topics, where side effects go
/// (alert handlers, writes), and the log.
struct TaskContext: Sendable {
    let taskName: String
    let topics: TopicRegistry
    let effects: EffectQueue
    let logger: Logger
    let handlerFactory: AlertHandlerFactory
    /// Where output a node makes later (off the data path) goes back into the task.
    let reentry: GraphReentry
    /// What a stream task reads, so `kapacitorLoopback` can refuse to write into it.
    let dbrps: Set<DBRP>
    /// The sideload directories the tasks share.
    let sideloads: SideloadRegistry
}

/// What `influxDBOut`'s writes came to, counted by the effect queue when each write comes back, as Kapacitor counts
/// them: `points_written`, the points of writes that succeeded; `write_errors`, the writes that failed (one per
/// write call, however many points it carried — a partial write counts as failed, as in Kapacitor).
final class WriteCounters: Sendable {
    private let points = Atomic<Int64>(0)
    private let failures = Atomic<Int64>(0)

    func succeeded(points count: Int) { points.add(Int64(count), ordering: .relaxed) }

    func failed() { failures.add(1, ordering: .relaxed) }

    var pointsWritten: Int64 { points.load(ordering: .relaxed) }
    var writeErrors: Int64 { failures.load(ordering: .relaxed) }
}

/// Where `kapacitorLoopback` writes: the task engine's stream router (points, database, retention policy).
public typealias StreamLoopback = @Sendable ([StreamPoint], String, String) -> Void

/// Work a task hands off its data path: run in order, one at a time, by the task's effect consumer.
enum TaskEffect: Sendable {
    case alert(AlertEvent, [any AlertHandler])
    case write([Point], database: String, retentionPolicy: String)
    case createDatabase(String, retentionPolicy: String?)
    /// `kapacitorLoopback`: points written back into the task engine's stream, as a write to `/kapacitor/v1/write`.
    case loopback([StreamPoint], database: String, retentionPolicy: String)
}

/// The queue of a task's effects and the loop that carries them out, in order, off the data path. At most `limit`
/// wait: behind a store that does not answer, a write past it fails at once (counted in `write_errors`) and an
/// alert past it is dropped, both reported, rather than the queue taking memory without end.
final class EffectQueue: Sendable {
    private let continuation: AsyncStream<TaskEffect>.Continuation
    private let stream: AsyncStream<TaskEffect>
    private let logger: Logger
    private let throttle = LogThrottle()
    let writes = WriteCounters()

    static let limit = 100_000

    init(logger: Logger) {
        self.logger = logger
        (stream, continuation) = AsyncStream<TaskEffect>.makeStream(bufferingPolicy: .bufferingOldest(Self.limit))
    }

    func enqueue(_ effect: TaskEffect) {
        guard case .dropped = continuation.yield(effect) else { return }
        let what: String
        switch effect {
        case .alert(let event, _): what = "alert event \(event.id) dropped"
        case .write(let points, let database, let retentionPolicy):
            writes.failed()
            what = "write of \(points.count) points to \(database).\(retentionPolicy) failed"
        case .createDatabase(let database, _): what = "creating database \(database) skipped"
        case .loopback(let points, let database, let retentionPolicy):
            what = "\(points.count) points for \(database).\(retentionPolicy) dropped"
        }
        if let held = throttle.admit("full") {
            logger.error(
                "\(Self.limit) effects already wait (a store or handler is not keeping up): \(what)",
                metadata: ["reports_held_back": "\(held)"])
        }
    }

    func finish() { continuation.finish() }

    /// Runs until `finish()`: every effect, in order; each write is counted, a failed one logged. Loopback points go
    /// to `loopback` here, off the task's lock, so two tasks writing into each other's streams cannot deadlock.
    func run(writer: (any PointWriter)?, loopback: StreamLoopback?, logger: Logger) async {
        for await effect in stream {
            switch effect {
            case .alert(let event, let handlers):
                for handler in handlers { await handler.handle(event) }
            case .write(let points, let database, let retentionPolicy):
                guard let writer else {
                    writes.failed()
                    logger.error("influxDBOut: no store to write \(database).\(retentionPolicy) to")
                    continue
                }
                do {
                    try await writer.write(points, database: database, retentionPolicy: retentionPolicy)
                    writes.succeeded(points: points.count)
                } catch {
                    writes.failed()
                    logger.error("influxDBOut: write to \(database).\(retentionPolicy) failed: \(error)")
                }
            case .loopback(let points, let database, let retentionPolicy):
                loopback?(points, database, retentionPolicy)
            case .createDatabase(let database, let retentionPolicy):
                do {
                    try await writer?.createDatabase(database, retentionPolicy: retentionPolicy)
                } catch {
                    logger.error("influxDBOut: create database \(database) failed: \(error)")
                }
            }
        }
    }
}
