import PipelineSpec
import TimeSeries

/// `|default()`: sets `.field(name, value)`s and `.tag(name, value)`s that the data does not have.
final class DefaultNode: RuntimeNode {
    private let fields: [(String, FieldValue)]
    private let tags: [(String, String)]

    init(_ spec: PipelineNode) {
        var fields: [(String, FieldValue)] = []
        var tags: [(String, String)] = []
        for call in spec.properties where call.arguments.count == 2 {
            guard case .string(let name) = call.arguments[0] else { continue }
            if call.name == "tag", case .string(let value) = call.arguments[1] { tags.append((name, value)) }
            if call.name == "field", let value = Self.fieldValue(call.arguments[1]) { fields.append((name, value)) }
        }
        self.fields = fields
        self.tags = tags
    }

    static func fieldValue(_ value: TickValue) -> FieldValue? {
        switch value {
        case .int(let number): .integer(number)
        case .float(let number): .float(number)
        case .bool(let flag): .boolean(flag)
        case .string(let text): .string(text)
        default: nil
        }
    }

    func process(_ message: RuntimeMessage, emit: (RuntimeMessage) -> Void) throws(NodeError) {
        switch message {
        case .point(var point):
            apply(&point.fields, &point.tags)
            emit(.point(point))
        case .batch(var batch):
            batch.points = batch.points.map { point in
                var point = point
                apply(&point.fields, &point.tags)
                return point
            }
            for (name, value) in tags where batch.tags[name] == nil { batch.tags[name] = value }
            emit(.batch(batch))
        }
    }

    private func apply(_ pointFields: inout [String: FieldValue], _ pointTags: inout [String: String]) {
        for (name, value) in fields where pointFields[name] == nil { pointFields[name] = value }
        for (name, value) in tags where pointTags[name] == nil { pointTags[name] = value }
    }
}

/// `|delete()`: removes `.field(name)`s and `.tag(name)`s.
final class DeleteNode: RuntimeNode {
    private let fields: [String]
    private let tags: [String]

    init(_ spec: PipelineNode) {
        func names(_ property: String) -> [String] {
            spec.properties.filter { $0.name == property }.compactMap {
                if case .string(let name)? = $0.arguments.first { name } else { nil }
            }
        }
        fields = names("field")
        tags = names("tag")
    }

    func process(_ message: RuntimeMessage, emit: (RuntimeMessage) -> Void) throws(NodeError) {
        switch message {
        case .point(var point):
            for name in fields { point.fields[name] = nil }
            for name in tags { point.tags[name] = nil }
            point.group = regrouped(point.group, name: point.name, tags: point.tags)
            emit(.point(point))
        case .batch(var batch):
            for index in batch.points.indices {
                for name in fields { batch.points[index].fields[name] = nil }
                for name in tags { batch.points[index].tags[name] = nil }
            }
            for name in tags { batch.tags[name] = nil }
            batch.group = regrouped(batch.group, name: batch.name, tags: batch.tags)
            emit(.batch(batch))
        }
    }

    /// A deleted tag that was a group dimension is no longer one, as in Kapacitor.
    private func regrouped(_ group: GroupKey, name: String, tags remaining: [String: String]) -> GroupKey {
        guard group.dimensions.contains(where: tags.contains) else { return group }
        return GroupKey(name: name, tags: remaining, sortedDimensions: group.dimensions.filter { !tags.contains($0) }, byName: group.byName)
    }
}

/// `|groupBy(tags…|*)`: regroups points; batches are split and merged into batches of the new groups with the same
/// time, sent once a batch of a later time arrives.
final class GroupByNode: RuntimeNode {
    /// Sorted, without the excluded ones; nil: every tag.
    private let dimensions: [String]?
    /// Batches of the newest batch time, regrouped, in the order their groups appeared; sent when a later time comes.
    private var regrouped: [GroupKey: PointBatch] = [:]
    private var regroupedOrder: [GroupKey] = []
    private var regroupedTime: Int64?
    private let excluded: Set<String>
    private let byName: Bool

    init(_ spec: PipelineNode) {
        let excluded = Set((spec.property("exclude") ?? []).compactMap { if case .string(let name) = $0 { name } else { nil } })
        self.excluded = excluded
        dimensions = PipelineNode.dimensions(spec.arguments)?.filter { !excluded.contains($0) }.sorted()
        byName = spec.isSet("byMeasurement")
    }

    private func group(name: String, tags: [String: String]) -> GroupKey {
        if let dimensions { return GroupKey(name: name, tags: tags, sortedDimensions: dimensions, byName: byName) }
        return GroupKey(name: name, tags: tags, dimensions: tags.keys.filter { !excluded.contains($0) }, byName: byName)
    }

    func process(_ message: RuntimeMessage, emit: (RuntimeMessage) -> Void) throws(NodeError) {
        switch message {
        case .point(var point):
            point.group = group(name: point.name, tags: point.tags)
            emit(.point(point))
        case .batch(let batch):
            // Kapacitor regroups all batches of one time together and sends them when a batch of another time begins,
            // each with its points sorted by time (points of one time keep their order).
            if batch.time != regroupedTime {
                for key in regroupedOrder {
                    var merged = regrouped[key]!
                    merged.points = merged.points.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(
                        \.element)
                    emit(.batch(merged))
                }
                (regroupedOrder, regrouped, regroupedTime) = ([], [:], batch.time)
            }
            for point in batch.points {
                let key = group(name: batch.name, tags: point.tags)
                if regrouped[key] == nil {
                    regroupedOrder.append(key)
                    regrouped[key] = PointBatch(
                        name: batch.name, time: batch.time, group: key, tags: key.groupTags(of: point.tags), points: [])
                }
                regrouped[key]!.points.append(point)
            }
        }
    }
}
