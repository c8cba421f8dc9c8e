public import Alerting
import Foundation
public import Logging
public import PipelineSpec
import Synchronization
public import TimeSeries

/// A running stream task: its pipeline's nodes, fed one point at a time (the router calls `receive` for points of
/// the task's dbrps), with a one-second wall-clock tick for flushes and a queue that carries out its side effects
/// (alert handlers, writes) off the data path.
public final class ExecutingTask: Sendable {
    public let id: String
    public let dbrps: Set<DBRP>
    private let graph: Mutex<TaskGraph>
    private let outputs: [String: HTTPOutCache]
    private let effects: EffectQueue
    private let started = Date()
    private let background: Mutex<[Task<Void, Never>]>

    /// Builds every node (a node that cannot run fails the start with its name) and starts the tick and the effects;
    /// `dbrps` are the task's (from its definition, which may name them outside the script).
    public init(
        id: String, pipeline: Pipeline, dbrps: [DBRP], topics: TopicRegistry, writer: (any PointWriter)?, logger: Logger
    ) throws(TaskStartError) {
        guard pipeline.type == .stream else { throw TaskStartError("batch tasks are not supported by Sundial's task engine yet") }
        self.id = id
        self.dbrps = Set(dbrps)
        let effects = EffectQueue()
        self.effects = effects
        let context = TaskContext(
            taskName: id, topics: topics, effects: effects, logger: logger, handlerFactory: AlertHandlerFactory(logger: logger))
        var nodes: [any RuntimeNode] = []
        var outputs: [String: HTTPOutCache] = [:]
        var watched: [Int: GroupEmissions] = [:]
        for spec in pipeline.nodes {
            let node = try NodeFactory.make(spec, context: context) { observed in
                if let existing = watched[observed] { return existing }
                let emissions = GroupEmissions()
                watched[observed] = emissions
                return emissions
            }
            if let httpOut = node as? HTTPOutNode { outputs[httpOut.endpoint] = httpOut.cache }
            nodes.append(node)
        }
        self.outputs = outputs
        graph = Mutex(
            TaskGraph(
                names: pipeline.nodes.map(\.name), nodes: nodes, children: pipeline.nodes.map(\.children),
                quiet: pipeline.nodes.map { $0.isSet("quiet") }, watched: watched, logger: logger))
        background = Mutex([])
        let effectRun = Task { await effects.run(writer: writer, logger: logger) }
        let tick = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                guard let self else { return }
                self.tick(now: Int64(Date().timeIntervalSince1970 * 1e9))
            }
        }
        background.withLock { $0 = [effectRun, tick] }
    }

    /// Feeds one point to the task's source.
    public func receive(_ point: StreamPoint) {
        graph.withLock { $0.deliver(.point(point), to: 0) }
    }

    func tick(now: Int64) {
        graph.withLock { $0.tick(now: now) }
    }

    /// Counters of every node and edge, and the task's throughput.
    public var statistics: TaskStatistics {
        let elapsed = Date().timeIntervalSince(started)
        return graph.withLock { $0.statistics(elapsedSeconds: elapsed) }
    }

    /// What an `httpOut(endpoint)` node holds; nil when the task has no such node.
    public func output(_ endpoint: String) -> [ResultSeries]? { outputs[endpoint]?.series }

    /// Flushes buffered output, stops the tick, and waits until queued effects are done.
    public func stop() async {
        graph.withLock { $0.stop() }
        effects.finish()
        let tasks = background.withLock { $0 }
        tasks[1].cancel()
        await tasks[0].value
    }
}
