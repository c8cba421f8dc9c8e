import PipelineSpec
import TimeSeries

/// `|kapacitorLoopback().database(db).retentionPolicy(rp)`: each point written back into the task engine's stream
/// under `db`.`rp` (`.measurement()` renaming stream points, `.tag(k, v)` adding tags), where every task reading that
/// database and policy gets it, as Kapacitor's KapacitorLoopbackNode writes to its task master. A task may not
/// loop back into what it reads itself (Kapacitor's "loop detected on dbrp"). Batch points keep their batch's name,
/// as in Kapacitor. The points leave through the task's effect queue, off its lock.
final class KapacitorLoopbackNode: RuntimeNode {
    private let database: String
    private let retentionPolicy: String
    private let measurement: String
    private let tags: [(String, String)]
    private let effects: EffectQueue
    private var written: Int64 = 0

    init(_ spec: PipelineNode, context: TaskContext) throws(TaskStartError) {
        database = spec.string("database")
        retentionPolicy = spec.string("retentionPolicy")
        measurement = spec.string("measurement")
        tags = spec.tagProperties
        effects = context.effects
        if context.dbrps.contains(DBRP(db: database, rp: retentionPolicy)) {
            throw TaskStartError("\(spec.name): loop detected on dbrp: \"\(database)\".\"\(retentionPolicy)\"")
        }
    }

    var extraStats: [(String, Int64)] { [("points_written", written)] }

    func process(_ message: RuntimeMessage, emit: (RuntimeMessage) -> Void) throws(NodeError) {
        var points: [StreamPoint] = []
        switch message {
        case .point(let point):
            points.append(
                looped(name: measurement.isEmpty ? point.name : measurement, tags: point.tags, fields: point.fields, time: point.time))
        case .batch(let batch):
            for point in batch.points { points.append(looped(name: batch.name, tags: point.tags, fields: point.fields, time: point.time)) }
        }
        guard !points.isEmpty else { return }
        written += Int64(points.count)
        effects.enqueue(.loopback(points, database: database, retentionPolicy: retentionPolicy))
    }

    private func looped(name: String, tags: [String: String], fields: [String: FieldValue], time: Int64) -> StreamPoint {
        var merged = tags
        for (key, value) in self.tags { merged[key] = value }
        return StreamPoint(name: name, database: database, retentionPolicy: retentionPolicy, tags: merged, fields: fields, time: time)
    }
}
