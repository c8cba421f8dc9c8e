public import Alerting
import Foundation
public import Logging
public import PipelineRuntime
import PipelineSpec
public import TimeSeries

/// Starts and stops the stream tasks whose definitions say `enabled`, and holds what they share: the router that
/// feeds them, the alert topics, and where `influxDBOut` writes.
/// Whether the tasks may read a database (the points written to it reach its stream tasks); throws the reason if not.
public typealias StreamAccessCheck = @Sendable (_ database: String) throws -> Void

public final class TaskRunner: Sendable {
    public let router: StreamRouter
    public let topics: TopicRegistry
    let writer: (any PointWriter)?
    let querier: (any InfluxQLQuerying)?
    let logger: Logger
    /// What alert handlers send through: the configured services, where `.log()` may write.
    let handlerServices: HandlerServices
    /// Throws when the tasks may not read a database a stream task names (an auth-enabled embedded store).
    let streamAccess: StreamAccessCheck?
    /// The sideload directories of every task (`POST /kapacitor/v1/sideload/reload`).
    public let sideloads = SideloadRegistry()
    /// Who this server is in `/debug/vars`: its cluster id (also its server id) and host name.
    let clusterID: String
    let hostname: String
    let started = Date()

    /// `writer`: the store `influxDBOut` writes to (nil: writes fail, counted and logged); `querier`: where batch
    /// tasks query (nil: batch tasks do not start); `topics`: the alert topics (with persistence, kept across
    /// restarts).
    public init(
        writer: (any PointWriter)?, querier: (any InfluxQLQuerying)? = nil, topics: TopicRegistry = TopicRegistry(), clusterID: String = "",
        hostname: String = "localhost", handlerServices: HandlerServices = .init(), streamAccess: StreamAccessCheck? = nil, logger: Logger
    ) {
        router = StreamRouter()
        self.handlerServices = handlerServices
        self.streamAccess = streamAccess
        self.topics = topics
        self.writer = writer
        self.querier = querier
        self.clusterID = clusterID
        self.hostname = hostname
        self.logger = logger
    }

    func executing(_ id: String) -> ExecutingTask? { router.task(id) }

    /// The running tasks, by id.
    var running: [(id: String, task: ExecutingTask)] { router.taskIDs.sorted().compactMap { id in router.task(id).map { (id, $0) } } }

    /// Brings a task's execution in line with its definition: starts an enabled task (restarting it when it was
    /// running an older definition), stops a disabled one. A task that cannot start is a `TaskStartError`.
    func apply(_ task: TaskRecord, restart: Bool) async throws(TaskStartError) {
        let running = router.task(task.id)
        if task.status != "enabled" {
            if running != nil { await stop(task.id) }
            return
        }
        if running != nil {
            guard restart else { return }
            await stop(task.id)
        }
        let pipeline: Pipeline
        do {
            pipeline = try Pipeline.build(script: task.script, vars: try TaskDefinitions.decodeVars(task.vars))
        } catch {
            throw TaskStartError("invalid TICKscript: \(error)")
        }
        let dbrps = (try? JSONDecoder().decode([DBRP].self, from: Data(task.dbrps.utf8))) ?? pipeline.dbrps
        if pipeline.type == .stream, let streamAccess {
            for database in Set(dbrps.map(\.db)) {
                do {
                    try streamAccess(database)
                } catch {
                    throw TaskStartError("cannot read \(database): \(error)")
                }
            }
        }
        let executing = try ExecutingTask(
            id: task.id, pipeline: pipeline, dbrps: dbrps, topics: topics, writer: writer, querier: querier, handlers: handlerServices,
            loopback: { [router] points, database, retentionPolicy in
                router.route(points, database: database, retentionPolicy: retentionPolicy)
            },
            sideloads: sideloads, logger: Logger(label: "tasks.\(task.id)"))
        router.add(executing)
        logger.info("started task \(task.id)")
    }

    func stop(_ id: String) async {
        guard let task = router.remove(id) else { return }
        await task.stop()
        logger.info("stopped task \(id)")
    }

    /// Stops every task, flushing their output, and writes the topics' last changes (at shutdown).
    public func stopAll() async {
        for id in router.taskIDs { await stop(id) }
        do {
            try topics.saveChanges()
        } catch {
            logger.error("cannot save alert topic states: \(error)")
        }
    }
}
