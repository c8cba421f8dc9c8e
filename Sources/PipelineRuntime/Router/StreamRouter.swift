import PipelineSpec
import Synchronization

/// Hands each incoming point to the running tasks that read its database and retention policy.
public final class StreamRouter: Sendable {
    private let tasks = Mutex<[String: ExecutingTask]>([:])
    private let received = Atomic<Int64>(0)

    public init() {}

    public func add(_ task: ExecutingTask) {
        tasks.withLock { $0[task.id] = task }
    }

    @discardableResult
    public func remove(_ id: String) -> ExecutingTask? {
        tasks.withLock { $0.removeValue(forKey: id) }
    }

    public func task(_ id: String) -> ExecutingTask? {
        tasks.withLock { $0[id] }
    }

    public var taskIDs: [String] { tasks.withLock { Array($0.keys) } }

    /// Points received so far (`kapacitor_ingress`).
    public var pointsReceived: Int64 { received.load(ordering: .relaxed) }

    /// Whether any running task reads `database`.`retentionPolicy` (so a writer can skip building points).
    public func wants(database: String, retentionPolicy: String) -> Bool {
        let dbrp = DBRP(db: database, rp: retentionPolicy)
        return tasks.withLock { $0.values.contains { $0.dbrps.contains(dbrp) } }
    }

    /// Delivers points, all of one database and policy, to every task that reads them, in order.
    public func route(_ points: [StreamPoint], database: String, retentionPolicy: String) {
        received.add(Int64(points.count), ordering: .relaxed)
        let dbrp = DBRP(db: database, rp: retentionPolicy)
        let readers = tasks.withLock { $0.values.filter { $0.dbrps.contains(dbrp) } }
        for task in readers { task.receive(points) }
    }
}
