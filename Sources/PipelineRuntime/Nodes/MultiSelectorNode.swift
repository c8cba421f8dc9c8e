import PipelineSpec
import TimeSeries

/// The InfluxQL functions that give several points per batch: `top(n, field, extra…)` and `bottom(…)` (the n
/// highest or lowest values, ties to the earlier point, with their tags and the extra fields named), and
/// `distinct(field)` (each value once, in order of first appearance). The result is a batch at the input batch's
/// time, or at the points' own times (`.usePointTimes()`, in time order) for top and bottom. On a stream, each group's
/// points with one timestamp are selected from together.
final class MultiSelectorNode: RuntimeNode {
    private enum Kind {
        case top(Int)
        case bottom(Int)
        case distinct
    }

    private let kind: Kind
    private let field: String
    private let extraFields: [String]
    private let output: String
    private let usePointTimes: Bool

    init(_ spec: PipelineNode) throws(TaskStartError) {
        let method = spec.definition.method
        output = spec.string("as", default: method)
        usePointTimes = spec.isSet("usePointTimes")
        if method == "distinct" {
            guard case .string(let field)? = spec.arguments.first else { throw TaskStartError("\(spec.name): missing field name") }
            (kind, self.field, extraFields) = (.distinct, field, [])
            return
        }
        guard case .int(let count)? = spec.arguments.first, count > 0, case .string(let field)? = spec.arguments.dropFirst().first else {
            throw TaskStartError("\(spec.name): \(method) needs a positive count and a field name")
        }
        kind = method == "top" ? .top(Int(count)) : .bottom(Int(count))
        self.field = field
        extraFields = spec.arguments.dropFirst(2).compactMap { if case .string(let name) = $0 { name } else { nil } }
    }

    /// Stream input: the points of the newest time of each group, not yet selected from.
    private var pending = SameTimeBatcher()

    var cardinality: Int { pending.count }

    func process(_ message: RuntimeMessage, emit: (RuntimeMessage) -> Void) throws(NodeError) {
        switch message {
        case .batch(let batch): emit(.batch(try select(batch)))
        case .point(let point): if let finished = pending.add(point) { emit(.batch(try select(finished))) }
        }
    }

    private func select(_ batch: PointBatch) throws(NodeError) -> PointBatch {
        var batch = batch
        switch kind {
        case .distinct:
            var seen = Set<FieldValue>()
            batch.points = batch.points.compactMap { point in
                guard let value = point.fields[field], seen.insert(value).inserted else { return nil }
                return BatchPoint(time: batch.time, fields: [output: value], tags: batch.tags)
            }
        case .top(let count), .bottom(let count):
            let isTop = if case .top = kind { true } else { false }
            batch.points = try selected(batch, count: count, highest: isTop)
        }
        return batch
    }

    private func selected(_ batch: PointBatch, count: Int, highest: Bool) throws(NodeError) -> [BatchPoint] {
        var candidates: [(value: Double, index: Int)] = []
        for (index, point) in batch.points.enumerated() {
            guard let value = point.fields[field] else { continue }
            guard let number = value.numericValue else { throw NodeError("\(output): \(field) is not a number") }
            candidates.append((number, index))
        }
        let ranked = candidates.sorted { a, b in
            a.value != b.value ? (highest ? a.value > b.value : a.value < b.value) : batch.points[a.index].time < batch.points[b.index].time
        }
        var chosen = Array(ranked.prefix(count))
        if usePointTimes { chosen.sort { batch.points[$0.index].time < batch.points[$1.index].time } }
        return chosen.map { entry in
            let point = batch.points[entry.index]
            var fields: [String: FieldValue] = [output: point.fields[field]!]
            for name in extraFields { if let value = point.fields[name] { fields[name] = value } }
            return BatchPoint(time: usePointTimes ? point.time : batch.time, fields: fields, tags: point.tags)
        }
    }
}
