import Logging
import PipelineSpec
import Synchronization
public import TimeSeries

/// `|httpOut(endpoint)`: keeps the latest data of each group for `GET /kapacitor/v1/tasks/<task>/<endpoint>`,
/// and passes everything on.
final class HTTPOutNode: RuntimeNode {
    let endpoint: String
    let cache = HTTPOutCache()

    init(_ spec: PipelineNode) throws(TaskStartError) {
        guard case .string(let endpoint)? = spec.arguments.first else {
            throw TaskStartError("\(spec.name): httpOut needs an endpoint name")
        }
        self.endpoint = endpoint
    }

    var cardinality: Int { cache.count }

    func process(_ message: RuntimeMessage, emit: (RuntimeMessage) -> Void) throws(NodeError) {
        cache.store(SeriesRows.series(message), group: message.group)
        emit(message)
    }
}

/// The rows an httpOut node serves: one per group, in the order groups first appeared. Read by the API while the
/// task writes it.
public final class HTTPOutCache: Sendable {
    private let rows = Mutex<(order: [GroupKey], latest: [GroupKey: ResultSeries])>(([], [:]))

    func store(_ series: ResultSeries, group: GroupKey) {
        rows.withLock { rows in
            if rows.latest.updateValue(series, forKey: group) == nil { rows.order.append(group) }
        }
    }

    var count: Int { rows.withLock { $0.order.count } }

    /// The latest series of every group.
    public var series: [ResultSeries] { rows.withLock { rows in rows.order.compactMap { rows.latest[$0] } } }
}

/// `|influxDBOut()`: buffers points and writes them (when `buffer` points are waiting, every `flushInterval`, and
/// when the task stops) to the configured database, policy and measurement (default: the data's own), with static
/// `.tag()`s; `.create()` creates the database first.
final class InfluxDBOutNode: RuntimeNode {
    private let database: String
    private let retentionPolicy: String
    private let measurement: String
    private let tags: [(String, String)]
    private let precision: Precision
    private let bufferSize: Int
    private let flushInterval: Int64
    private let effects: EffectQueue
    private var buffered: [String: [Point]] = [:]
    private var bufferedCount = 0
    private var lastFlush: Int64 = 0

    init(_ spec: PipelineNode, context: TaskContext) {
        database = spec.string("database")
        retentionPolicy = spec.string("retentionPolicy")
        measurement = spec.string("measurement")
        tags = spec.tagProperties
        precision = Precision(name: spec.string("precision", default: "ns")) ?? .nanoseconds
        bufferSize = Int(spec.int("buffer") ?? 1000)
        flushInterval = spec.duration("flushInterval") ?? 10_000_000_000
        effects = context.effects
        if spec.isSet("create") && !database.isEmpty {
            effects.enqueue(.createDatabase(database, retentionPolicy: retentionPolicy.isEmpty ? nil : retentionPolicy))
        }
    }

    /// Kapacitor's counters of what the writes came to (`WriteCounters`).
    var extraStats: [(String, Int64)] { [("points_written", effects.writes.pointsWritten), ("write_errors", effects.writes.writeErrors)] }

    func process(_ message: RuntimeMessage, emit: (RuntimeMessage) -> Void) throws(NodeError) {
        switch message {
        case .point(let point):
            add(
                name: point.name, database: point.database, policy: point.retentionPolicy, tags: point.tags, fields: point.fields,
                time: point.time)
        case .batch(let batch):
            for point in batch.points {
                let tags = point.tags.merging(batch.tags) { own, _ in own }
                add(name: batch.name, database: "", policy: "", tags: tags, fields: point.fields, time: point.time)
            }
        }
        if bufferedCount >= bufferSize { flush() }
    }

    private func add(name: String, database: String, policy: String, tags: [String: String], fields: [String: FieldValue], time: Int64) {
        guard !fields.isEmpty else { return }
        var allTags = tags
        for (key, value) in self.tags { allTags[key] = value }
        let point = Point(
            measurement: measurement.isEmpty ? name : measurement, tags: allTags.map { Tag($0.key, $0.value) },
            fields: fields.sorted { $0.key < $1.key }.map { Field($0.key, $0.value) }, timestamp: precision.truncate(time))
        let target = (self.database.isEmpty ? database : self.database) + "\u{0}" + (retentionPolicy.isEmpty ? policy : retentionPolicy)
        buffered[target, default: []].append(point)
        bufferedCount += 1
    }

    func tick(now: Int64, emit: (RuntimeMessage) -> Void) {
        if now - lastFlush >= flushInterval { flush(now: now) }
    }

    func stop() { flush() }

    private func flush(now: Int64? = nil) {
        if let now { lastFlush = now }
        for (target, points) in buffered {
            let parts = target.split(separator: "\u{0}", omittingEmptySubsequences: false)
            effects.enqueue(.write(points, database: String(parts[0]), retentionPolicy: String(parts[1])))
        }
        buffered.removeAll(keepingCapacity: true)
        bufferedCount = 0
    }
}

/// `|log()`: logs each message at `.level()` with `.prefix()`, and passes it on.
final class LogNode: RuntimeNode {
    private let level: Logger.Level
    private let prefix: String
    private let logger: Logger

    init(_ spec: PipelineNode, context: TaskContext) {
        switch spec.string("level", default: "INFO").uppercased() {
        case "DEBUG": level = .debug
        case "WARN": level = .warning
        case "ERROR": level = .error
        default: level = .info
        }
        prefix = spec.string("prefix")
        logger = context.logger
    }

    func process(_ message: RuntimeMessage, emit: (RuntimeMessage) -> Void) throws(NodeError) {
        let series = SeriesRows.series(message)
        logger.log(level: level, "\(prefix)\(series.name ?? "") \(series.tags ?? [:]) \(series.columns) \(series.values.count) row(s)")
        emit(message)
    }
}
