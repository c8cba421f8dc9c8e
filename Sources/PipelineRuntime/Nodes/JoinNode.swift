import PipelineSpec
import TimeSeries

/// `|join(other…)`: matches points of the same group whose times agree (rounded to `.tolerance()`), one from each
/// parent, into one point with fields `<as><delimiter><field>`. A set still missing a parent is given up once every
/// parent that sends data has moved past its time, or with `.fill()` sent filled once any parent has.
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
    private var pending: [GroupKey: [Int64: [[Int: StreamPoint]]]] = [:]
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
        guard case .point(var point) = message else { throw NodeError("join of batches is not supported yet") }
        guard let position = parents.firstIndex(of: parent) else { return }
        if tolerance > 0 { point.time = point.time.roundedSaturated(toMultipleOf: tolerance) }
        let group = point.group
        var sets = pending[group]?[point.time] ?? []
        let slot = sets.firstIndex { $0[position] == nil } ?? sets.count
        if slot == sets.count { sets.append([:]) }
        sets[slot][position] = point
        if sets[slot].count == parents.count {
            emit(.point(joined(sets.remove(at: slot), time: point.time, group: group)))
        }
        pending[group, default: [:]][point.time] = sets.isEmpty ? nil : sets
        latest[group, default: [:]][position] = max(latest[group]?[position] ?? .min, point.time)
        // Without a fill a set can still complete until every parent has moved past it; with one, it is sent filled as
        // soon as any parent has.
        let newest = latest[group]?.values
        guard let horizon = (isFilling ? newest?.max() : newest?.min()), let sets = pending[group] else { return }
        for time in sets.keys.sorted() where time < horizon {
            pending[group]?[time] = nil
            guard isFilling else { continue }
            for set in sets[time]! { emit(.point(joined(set, time: time, group: group))) }
        }
    }

    private func joined(_ set: [Int: StreamPoint], time: Int64, group: GroupKey) -> StreamPoint {
        let first = set[0] ?? set.values.first!
        var fields: [String: FieldValue] = [:]
        let fieldNames = Array(first.fields.keys)
        for position in parents.indices {
            let prefix = names[position] + delimiter
            if let point = set[position] {
                for (key, value) in point.fields { fields[prefix + key] = value }
            } else if case .value(let number) = fill {
                for key in fieldNames { fields[prefix + key] = .float(number) }
            }
        }
        var point = StreamPoint(
            name: streamName.isEmpty ? (set[0]?.name ?? first.name) : streamName, database: first.database,
            retentionPolicy: first.retentionPolicy, tags: group.groupTags(of: first.tags), fields: fields, time: time)
        point.group = group
        return point
    }
}
