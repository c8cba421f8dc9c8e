public import Alerting
import Foundation
public import Logging
public import PipelineSpec
import Synchronization
public import TimeSeries

/// A running task: its pipeline's nodes, fed one message at a time — points of the task's dbrps from the router
/// (`receive`), or the batches of its scheduled queries — with a one-second wall-clock tick for flushes and stats,
/// and a queue that carries out its side effects (alert handlers, writes) off the data path.
public final class ExecutingTask: Sendable {
    public let id: String
    /// The dbrps whose points a stream task reads; empty for a batch task, which gets its data from its queries.
    public let dbrps: Set<DBRP>
    private let graph: Mutex<TaskGraph>
    private let outputs: [String: HTTPOutCache]
    private let queries: [BatchQuery]
    private let querier: (any InfluxQLQuerying)?
    private let effects: EffectQueue
    private let logger: Logger
    private let started = Date()
    private let effectRun = Mutex<Task<Void, Never>?>(nil)
    private let timers = Mutex<[Task<Void, Never>]>([])

    /// Builds every node (a node that cannot run fails the start with its name), then starts the tick, the query
    /// schedules of a batch task (run through `querier`) and the effects. `dbrps` are the task's (from its
    /// definition, which may name them outside the script).
    public init(
        id: String, pipeline: Pipeline, dbrps: [DBRP], topics: TopicRegistry, writer: (any PointWriter)?,
        querier: (any InfluxQLQuerying)? = nil, handlers: HandlerServices = .init(), loopback: StreamLoopback? = nil,
        sideloads: SideloadRegistry = SideloadRegistry(), logger: Logger
    ) throws(TaskStartError) {
        if pipeline.type == .batch && querier == nil { throw TaskStartError("batch tasks need an InfluxDB to query; none is configured") }
        self.id = id
        self.dbrps = pipeline.type == .stream ? Set(dbrps) : []
        self.querier = querier
        self.logger = logger
        let effects = EffectQueue(logger: logger)
        self.effects = effects
        let context = TaskContext(
            taskName: id, topics: topics, effects: effects, logger: logger,
            handlerFactory: AlertHandlerFactory(taskName: id, services: handlers, logger: logger), reentry: GraphReentry(),
            dbrps: pipeline.type == .stream ? Set(dbrps) : [], sideloads: sideloads)
        let built = try NodeFactory.makeGraph(pipeline, context: context)
        outputs = built.outputs
        var queries: [BatchQuery] = []
        for spec in pipeline.nodes where spec.definition.method == "query" { queries.append(try BatchQuery(spec)) }
        self.queries = queries
        graph = Mutex(
            TaskGraph(
                names: pipeline.nodes.map(\.name), nodes: built.nodes, children: pipeline.nodes.map(\.children),
                quiet: pipeline.nodes.map { $0.isSet("quiet") }, watched: built.watched, logger: logger))
        effectRun.withLock { $0 = Task { await effects.run(writer: writer, loopback: loopback, logger: logger) } }
        context.reentry.connect { [weak self] message, node in
            self?.graph.withLock { graph in
                guard !graph.isStopped else { return }
                graph.forward(message, from: node)
            }
        }
        startTimers()
    }

    private func startTimers() {
        var timers: [Task<Void, Never>] = [
            Task { [weak self] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(1))
                    guard let self else { return }
                    self.tick(now: Self.now())
                }
            }
        ]
        for query in queries {
            timers.append(
                Task { [weak self] in
                    var next = query.firstRun(after: Self.now())
                    while !Task.isCancelled {
                        let wait = next.subtractingSaturated(Self.now())
                        if wait > 0 { try? await Task.sleep(for: .nanoseconds(wait)) }
                        guard !Task.isCancelled, let self else { return }
                        await self.runQuery(query.node, at: next)
                        next = query.nextRun(after: next, now: Self.now())
                    }
                })
        }
        self.timers.withLock { $0 = timers }
    }

    static func now() -> Int64 { Int64(Date().timeIntervalSince1970 * 1e9) }

    /// Feeds one point to the task's source.
    public func receive(_ point: StreamPoint) {
        graph.withLock { $0.deliver(.point(point), to: 0) }
    }

    /// Feeds points to the task's source in order, taking the task's lock once for all of them.
    public func receive(_ points: [StreamPoint]) {
        graph.withLock { graph in
            for point in points { graph.deliver(.point(point), to: 0) }
        }
    }

    func tick(now: Int64) {
        graph.withLock { $0.tick(now: now) }
    }

    /// Runs the query of node `node` as scheduled at `now` and sends its batches down the task; a failed query
    /// counts as the node's error.
    func runQuery(_ node: Int, at now: Int64) async {
        guard let query = queries.first(where: { $0.node == node }), let querier else { return }
        let (text, stop) = query.statement(at: now)
        do {
            let batches = try query.batches(try await querier.query(text), stop: stop)
            graph.withLock { graph in
                guard !graph.isStopped else { return }
                for batch in batches { graph.deliver(.batch(batch), to: node, from: 0) }
            }
        } catch {
            graph.withLock { $0.errors[node] += 1 }
            logger.error("\(graph.withLock { $0.names[node] }): \(error)")
        }
    }

    /// Counters of every node and edge, and the task's throughput.
    public var statistics: TaskStatistics {
        let elapsed = Date().timeIntervalSince(started)
        return graph.withLock { $0.statistics(elapsedSeconds: elapsed) }
    }

    /// What an `httpOut(endpoint)` node holds; nil when the task has no such node.
    public func output(_ endpoint: String) -> [ResultSeries]? { outputs[endpoint]?.series }

    /// Stops the tick and the schedules, flushes buffered output, and waits until queued effects are done.
    public func stop() async {
        for timer in timers.withLock({ $0 }) { timer.cancel() }
        graph.withLock { $0.stop() }
        effects.finish()
        await effectRun.withLock { $0 }?.value
    }
}
