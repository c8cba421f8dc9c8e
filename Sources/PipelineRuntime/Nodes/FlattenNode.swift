import PipelineSpec
import TimeSeries

/// `|flatten().on(tags…)`: the points of a group at one time (rounded to `.tolerance()`) made one point whose fields
/// are named after the `on` tags' values and the original field (`auth.server01.value`; `.delimiter()` between,
/// `.dropOriginalFieldName()` leaves the field's name out), as Kapacitor's FlattenNode. A stream group emits its
/// previous time's point when a later time arrives; a batch gives one point per time. A point without one of the
/// `on` tags is left out (Kapacitor logs it).
final class FlattenNode: RuntimeNode {
    private let dimensions: [String]
    private let delimiter: String
    private let tolerance: Int64
    private let dropsFieldName: Bool
    /// Stream input: each group's points at its newest time, not yet flattened.
    private var pending: [GroupKey: Pending] = [:]

    private struct Pending {
        var name: String
        var time: Int64
        var tags: [String: String]
        var points: [(fields: [String: FieldValue], tags: [String: String])] = []
    }

    init(_ spec: PipelineNode) {
        dimensions = (spec.property("on") ?? []).compactMap { if case .string(let name) = $0 { name } else { nil } }
        delimiter = spec.string("delimiter", default: ".")
        tolerance = spec.duration("tolerance") ?? 0
        if case .bool(let flag)? = spec.value(of: "dropOriginalFieldName")?.first {
            dropsFieldName = flag
        } else {
            dropsFieldName = spec.isSet("dropOriginalFieldName")
        }
    }

    var cardinality: Int { pending.count }

    func process(_ message: RuntimeMessage, emit: (RuntimeMessage) -> Void) throws(NodeError) {
        switch message {
        case .point(let point):
            let time = rounded(point.time)
            var group =
                pending.removeValue(forKey: point.group)
                ?? Pending(name: point.name, time: time, tags: point.group.groupTags(of: point.tags))
            if time != group.time {
                if !group.points.isEmpty {
                    var flat = StreamPoint(
                        name: group.name, database: point.database, retentionPolicy: point.retentionPolicy, tags: group.tags,
                        fields: flatten(group.points), time: group.time)
                    flat.group = point.group
                    emit(.point(flat))
                }
                group.points.removeAll(keepingCapacity: true)
                group.time = time
            }
            group.points.append((point.fields, point.tags))
            pending[point.group] = group
        case .batch(var batch):
            var flattened: [BatchPoint] = []
            var current: [(fields: [String: FieldValue], tags: [String: String])] = []
            var time = Int64.min
            for point in batch.points {
                let pointTime = rounded(point.time)
                if pointTime != time, !current.isEmpty {
                    flattened.append(BatchPoint(time: time, fields: flatten(current), tags: batch.tags))
                    current.removeAll(keepingCapacity: true)
                }
                time = pointTime
                current.append((point.fields, point.tags))
            }
            if !current.isEmpty { flattened.append(BatchPoint(time: time, fields: flatten(current), tags: batch.tags)) }
            batch.points = flattened
            emit(.batch(batch))
        }
    }

    private func rounded(_ time: Int64) -> Int64 {
        tolerance > 0 ? time.roundedSaturated(toMultipleOf: tolerance) : time
    }

    /// One set of fields from the points of one time; a later point's field of the same name wins.
    private func flatten(_ points: [(fields: [String: FieldValue], tags: [String: String])]) -> [String: FieldValue] {
        var fields: [String: FieldValue] = [:]
        for point in points {
            var parts: [String] = []
            for tag in dimensions {
                guard let value = point.tags[tag] else { break }
                parts.append(value)
            }
            guard parts.count == dimensions.count else { continue }
            let prefix = parts.joined(separator: delimiter)
            for (name, value) in point.fields {
                let key = dropsFieldName ? prefix : (prefix.isEmpty ? name : prefix + delimiter + name)
                fields[key] = value
            }
        }
        return fields
    }
}
