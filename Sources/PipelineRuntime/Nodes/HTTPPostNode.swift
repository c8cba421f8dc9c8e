import Alerting
import Logging
import PipelineSpec
import Synchronization
import TimeSeries

/// `|httpPost(url)` or `|httpPost().endpoint(name)`: posts each point, or each batch as one series, as Kapacitor's
/// node does (`RowPoster`), and passes the data on. Kapacitor posts inline and the whole task waits for each answer;
/// Sundial posts from a queue of the node's own, in order, so a slow or dead endpoint never stalls the task: without
/// `.codeField()` the data goes on at once; with it, each message goes on once its answer came, carrying the status
/// (0 when none came) in that field. Past `pendingLimit` queued posts a message is not posted (counted in
/// `posts_dropped`) and goes on at once, with code 0.
final class HTTPPostNode: RuntimeNode {
    static let pendingLimit = 10_000

    private struct Job: Sendable {
        let row: ResultSeries
        /// The message to pass on with the answer's code; nil without `.codeField()`.
        let message: RuntimeMessage?
    }

    private let codeField: String?
    private let continuation: AsyncStream<Job>.Continuation
    private let counters = Counters()
    private let throttle = LogThrottle()
    private let logger: Logger

    init(_ spec: PipelineNode, context: TaskContext) throws(TaskStartError) {
        let poster = try Self.poster(spec, services: context.handlerFactory.services)
        let codeField = spec.string("codeField").isEmpty ? nil : spec.string("codeField")
        self.codeField = codeField
        var logger = context.logger
        logger[metadataKey: "node"] = .string(spec.name)
        self.logger = logger
        let (stream, continuation) = AsyncStream<Job>.makeStream(bufferingPolicy: .bufferingOldest(Self.pendingLimit))
        self.continuation = continuation
        let posting = Posting(poster: poster, codeField: codeField, reentry: context.reentry, node: spec.id, counters: counters)
        Task { await posting.run(stream, logger: logger) }
    }

    /// A task whose start failed after this node was made never calls `stop()`: its queue's consumer ends here.
    deinit { continuation.finish() }

    /// The node's queue consumer: posts in order, and with `.codeField()` passes each message on with its code.
    private struct Posting: Sendable {
        let poster: RowPoster
        let codeField: String?
        let reentry: GraphReentry
        let node: Int
        let counters: Counters

        func run(_ stream: AsyncStream<Job>, logger: Logger) async {
            for await job in stream {
                let code = await poster.post(job.row, logger: logger)
                counters.posted(ok: (200..<300).contains(code))
                if let message = job.message, let codeField {
                    reentry.emit(HTTPPostNode.message(message, code: code, in: codeField), from: node)
                }
                // After the task stops, an endpoint that does not answer ends the posting of what was still queued.
                if code == 0 && counters.isStopped { break }
            }
        }
    }

    private static func poster(_ spec: PipelineNode, services: HandlerServices) throws(TaskStartError) -> RowPoster {
        let urls = spec.arguments.compactMap { argument -> String? in if case .string(let url) = argument { url } else { nil } }
        let endpoints = spec.properties.filter { $0.name == "endpoint" }
        guard urls.count <= 1 else { throw TaskStartError("\(spec.name): httpPost expects 0 or 1 arguments, got \(urls.count)") }
        guard endpoints.count <= 1 else {
            throw TaskStartError("\(spec.name): httpPost expects 0 or 1 endpoints, got \(endpoints.count)")
        }
        guard !urls.isEmpty || !endpoints.isEmpty else { throw TaskStartError("\(spec.name): must provide url or endpoint") }
        let headers = spec.properties.filter { $0.name == "header" }.compactMap { call -> (String, String)? in
            guard case .string(let key)? = call.arguments.first, case .string(let value)? = call.arguments.last else { return nil }
            return (key, value)
        }
        do {
            return try RowPoster(
                endpoint: endpoints.isEmpty ? nil : spec.string("endpoint"), url: urls.first, headers: headers,
                timeout: spec.duration("timeout"), captureResponse: spec.isSet("captureResponse"), services: services)
        } catch {
            throw TaskStartError("\(spec.name): \(error)")
        }
    }

    var extraStats: [(String, Int64)] { counters.stats }

    func process(_ message: RuntimeMessage, emit: (RuntimeMessage) -> Void) throws(NodeError) {
        let job = Job(row: SeriesRows.series(message), message: codeField == nil ? nil : message)
        if case .dropped = continuation.yield(job) {
            counters.dropped()
            if let held = throttle.admit("dropped") {
                logger.error(
                    "more than \(Self.pendingLimit) posts waiting for the endpoint; data passed on without being posted",
                    metadata: ["reports_held_back": "\(held)"])
            }
            if let codeField { emit(Self.message(message, code: 0, in: codeField)) }
        }
        if codeField == nil { emit(message) }
    }

    func stop() {
        counters.stop()
        continuation.finish()
    }

    /// The message with the HTTP status as an integer field (on every point of a batch).
    fileprivate static func message(_ message: RuntimeMessage, code: Int, in field: String) -> RuntimeMessage {
        switch message {
        case .point(var point):
            point.fields[field] = .integer(Int64(code))
            return .point(point)
        case .batch(var batch):
            for index in batch.points.indices { batch.points[index].fields[field] = .integer(Int64(code)) }
            return .batch(batch)
        }
    }

    /// Sundial's counters: posts answered 2xx, posts that failed (no answer or another status), posts dropped; and
    /// whether the task has stopped.
    private final class Counters: Sendable {
        private let values = Mutex<(ok: Int64, failed: Int64, dropped: Int64)>((0, 0, 0))
        private let stopped = Atomic<Bool>(false)

        func stop() { stopped.store(true, ordering: .relaxed) }

        var isStopped: Bool { stopped.load(ordering: .relaxed) }

        func posted(ok: Bool) {
            values.withLock { if ok { $0.ok += 1 } else { $0.failed += 1 } }
        }

        func dropped() { values.withLock { $0.dropped += 1 } }

        var stats: [(String, Int64)] {
            let values = values.withLock { $0 }
            return [("posts_ok", values.ok), ("post_errors", values.failed), ("posts_dropped", values.dropped)]
        }
    }
}
