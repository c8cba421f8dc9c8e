import PipelineSpec
import TimeSeries

/// `|join(other…)`: matches points (or batches) of the same group whose times agree (rounded to `.tolerance()`), one
/// from each parent, into one point (or batch) with fields `<as><delimiter><field>`. A set still missing a parent is
/// given up once every parent that sends data has moved past its time, or with `.fill()` sent filled once any parent
/// has. Batches are matched by their time, then their points by theirs, as Kapacitor joins them.
final class JoinNode: RuntimeNode {
    private enum Fill {
        case none, null
        case value(Double)
    }

    private let parents: [Int]
    private let names: [String]
    private let delimiter: String
    private let tolerance: Int64
    private let fill: Fill
    private let streamName: String
    /// Per group: time → the sets being filled there, each holding the point of every parent position that has
    /// arrived; a second point of one parent at a time starts a new set, as Kapacitor's join does.
    private var pending: [GroupKey: [Int64: [[Int: RuntimeMessage]]]] = [:]
    /// Per group: the newest time each parent position sent.
    private var latest: [GroupKey: [Int: Int64]] = [:]

    init(_ spec: PipelineNode) throws(TaskStartError) {
        parents = spec.parents
        names = (spec.property("as") ?? []).compactMap { if case .string(let name) = $0 { name } else { nil } }
        guard names.count == parents.count else { throw TaskStartError("\(spec.name): join needs one .as() name per parent") }
        guard spec.property("on") == nil else { throw TaskStartError("\(spec.name): join .on() is not supported yet") }
        delimiter = spec.string("delimiter", default: ".")
        tolerance = spec.duration("tolerance") ?? 0
        switch spec.property("fill")?.first {
        case .string("null")?: fill = .null
        case .float(let value)?: fill = .value(value)
        case .int(let value)?: fill = .value(Double(value))
        default: fill = .none
        }
        streamName = spec.string("streamName")
    }

    var cardinality: Int { pending.count }

    private var isFilling: Bool { if case .none = fill { false } else { true } }

    func process(_ message: RuntimeMessage, emit: (RuntimeMessage) -> Void) throws(NodeError) {
        throw NodeError("join needs to know which parent sent the data")
    }

    func process(_ message: RuntimeMessage, from parent: Int, emit: (RuntimeMessage) -> Void) throws(NodeError) {
        guard let position = parents.firstIndex(of: parent) else { return }
        var message = message
        let time: Int64
        switch message {
        case .point(var point):
            if tolerance > 0 { point.time = point.time.roundedSaturated(toMultipleOf: tolerance) }
            time = point.time
            message = .point(point)
        case .batch(let batch):
            time = tolerance > 0 ? batch.time.roundedSaturated(toMultipleOf: tolerance) : batch.time
        }
        let group = message.group
        var sets = pending[group]?[time] ?? []
        let slot = sets.firstIndex { $0[position] == nil } ?? sets.count
        if slot == sets.count { sets.append([:]) }
        sets[slot][position] = message
        if sets[slot].count == parents.count, let joined = joined(sets.remove(at: slot), time: time, group: group) {
            emit(joined)
        }
        pending[group, default: [:]][time] = sets.isEmpty ? nil : sets
        latest[group, default: [:]][position] = max(latest[group]?[position] ?? .min, time)
        // Without a fill a set can still complete until every parent has moved past it; with one, it is sent filled as
        // soon as any parent has.
        let newest = latest[group]?.values
        guard let horizon = (isFilling ? newest?.max() : newest?.min()), let sets = pending[group] else { return }
        for time in sets.keys.sorted() where time < horizon {
            pending[group]?[time] = nil
            guard isFilling else { continue }
            for set in sets[time]! { if let joined = joined(set, time: time, group: group) { emit(joined) } }
        }
    }

    /// A complete (or, with a fill, partial) set as one point or one batch, like the parents' messages.
    private func joined(_ set: [Int: RuntimeMessage], time: Int64, group: GroupKey) -> RuntimeMessage? {
        var points: [Int: StreamPoint] = [:]
        var batches: [Int: PointBatch] = [:]
        for (position, message) in set {
            switch message {
            case .point(let point): points[position] = point
            case .batch(let batch): batches[position] = batch
            }
        }
        if batches.isEmpty { return .point(joined(points, time: time, group: group)) }
        return .batch(joined(batches, time: time, group: group))
    }

    private func joined(_ set: [Int: StreamPoint], time: Int64, group: GroupKey) -> StreamPoint {
        let first = set[0] ?? set.values.first!
        let fields = joinedFields(set.mapValues(\.fields), fillNames: Array(first.fields.keys))
        var point = StreamPoint(
            name: streamName.isEmpty ? (set[0]?.name ?? first.name) : streamName, database: first.database,
            retentionPolicy: first.retentionPolicy, tags: group.groupTags(of: first.tags), fields: fields, time: time)
        point.group = group
        return point
    }

    /// Batches joined point by point: each round takes the earliest (rounded) time any parent's next point has and
    /// joins the points of that time; a round missing a parent is dropped without a fill, as Kapacitor does.
    private func joined(_ set: [Int: PointBatch], time: Int64, group: GroupKey) -> PointBatch {
        let first = set[set.keys.min()!]!
        var cursors = [Int](repeating: 0, count: parents.count)
        var points: [BatchPoint] = []
        var fieldNames: [String]?
        while true {
            // The points at the earliest time the parents have next.
            var round: [Int: BatchPoint] = [:]
            var roundTime: Int64?
            for position in parents.indices {
                guard let batch = set[position], cursors[position] < batch.points.count else { continue }
                let point = batch.points[cursors[position]]
                let pointTime = tolerance > 0 ? point.time.roundedSaturated(toMultipleOf: tolerance) : point.time
                if roundTime == nil || pointTime < roundTime! {
                    round = [position: point]
                    roundTime = pointTime
                } else if pointTime == roundTime {
                    round[position] = point
                }
            }
            guard let roundTime else { break }
            for position in round.keys { cursors[position] += 1 }
            let keys = fieldNames ?? Array(round[round.keys.min()!]!.fields.keys)
            fieldNames = keys
            guard round.count == parents.count || isFilling else { continue }
            let fields = joinedFields(round.mapValues(\.fields), fillNames: keys)
            points.append(BatchPoint(time: roundTime, fields: fields, tags: first.tags))
        }
        return PointBatch(name: streamName.isEmpty ? first.name : streamName, time: time, group: group, tags: first.tags, points: points)
    }

    /// The fields of one joined point: each parent's as `<as><delimiter><field>`; a missing parent's `fillNames` with
    /// the fill value (none with a null fill).
    private func joinedFields(_ byPosition: [Int: [String: FieldValue]], fillNames: [String]) -> [String: FieldValue] {
        var fields: [String: FieldValue] = [:]
        for position in parents.indices {
            let prefix = names[position] + delimiter
            if let own = byPosition[position] {
                for (key, value) in own { fields[prefix + key] = value }
            } else if case .value(let number) = fill {
                for key in fillNames { fields[prefix + key] = .float(number) }
            }
        }
        return fields
    }
}
