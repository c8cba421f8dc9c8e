import Alerting
import Logging
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
}

/// Points `influxDBOut` could not write, counted by the effect queue and shown in the node's `write_errors`.
final class WriteFailureCounter: Sendable {
    private let count = Atomic<Int64>(0)

    func add(_ points: Int) { count.add(Int64(points), ordering: .relaxed) }

    var value: Int64 { count.load(ordering: .relaxed) }
}

/// Work a task hands off its data path: run in order, one at a time, by the task's effect consumer.
enum TaskEffect: Sendable {
    case alert(AlertEvent, [any AlertHandler])
    case write([Point], database: String, retentionPolicy: String)
    case createDatabase(String, retentionPolicy: String?)
}

/// The queue of a task's effects and the loop that carries them out, in order, off the data path.
final class EffectQueue: Sendable {
    private let continuation: AsyncStream<TaskEffect>.Continuation
    private let stream: AsyncStream<TaskEffect>
    let writeFailures = WriteFailureCounter()

    init() {
        (stream, continuation) = AsyncStream<TaskEffect>.makeStream()
    }

    func enqueue(_ effect: TaskEffect) { continuation.yield(effect) }

    func finish() { continuation.finish() }

    /// Runs until `finish()`: every effect, in order; a failed write is logged and its points counted.
    func run(writer: (any PointWriter)?, logger: Logger) async {
        for await effect in stream {
            switch effect {
            case .alert(let event, let handlers):
                for handler in handlers { await handler.handle(event) }
            case .write(let points, let database, let retentionPolicy):
                guard let writer else {
                    writeFailures.add(points.count)
                    logger.error("influxDBOut: no store to write \(database).\(retentionPolicy) to")
                    continue
                }
                do {
                    try await writer.write(points, database: database, retentionPolicy: retentionPolicy)
                } catch {
                    writeFailures.add(points.count)
                    logger.error("influxDBOut: write to \(database).\(retentionPolicy) failed: \(error)")
                }
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
