import PipelineSpec
import TimeSeries

/// The InfluxQL functions that reduce a batch to one point (`|mean('value')`, `|max('value')`, …). On a stream
/// without a window, points of one group with the same time are reduced together when a newer time arrives.
/// Aggregates give a point with the group's tags and one field; selectors give the selected point's fields and
/// tags with the field renamed, at the batch's time unless `.usePointTimes()`.
final class AggregateNode: RuntimeNode {
    private let reducer: Reducer
    private let field: String
    private let outputName: String
    private let usePointTimes: Bool
    /// Stream input: the points of the newest time of each group, not yet reduced.
    private var pending = SameTimeBatcher()

    init(_ spec: PipelineNode) throws(TaskStartError) {
        guard let reducer = Reducer(method: spec.definition.method, arguments: spec.arguments) else {
            throw TaskStartError("\(spec.name): \(spec.definition.method)() is not supported yet")
        }
        guard case .string(let field)? = spec.arguments.first else { throw TaskStartError("\(spec.name): missing field name") }
        self.reducer = reducer
        self.field = field
        outputName = spec.string("as", default: spec.definition.method)
        usePointTimes = spec.isSet("usePointTimes")
    }

    var cardinality: Int { pending.count }

    func process(_ message: RuntimeMessage, emit: (RuntimeMessage) -> Void) throws(NodeError) {
        switch message {
        case .batch(let batch):
            if let point = try reduce(batch) { emit(.point(point)) }
        case .point(let point):
            if let finished = pending.add(point), let reduced = try reduce(finished) { emit(.point(reduced)) }
        }
    }

    private func reduce(_ batch: PointBatch) throws(NodeError) -> StreamPoint? {
        var values: [(value: FieldValue, index: Int)] = []
        values.reserveCapacity(batch.points.count)
        for (index, point) in batch.points.enumerated() {
            if let value = point.fields[field] { values.append((value, index)) }
        }
        let result = try reducer.reduce(values)
        var output = StreamPoint(name: batch.name, database: "", retentionPolicy: "", tags: batch.tags, fields: [:], time: batch.time)
        output.group = batch.group
        switch result {
        case .none: return nil
        case .value(let value):
            output.fields[outputName] = value
        case .selected(let index, let value):
            let selected = batch.points[index]
            output.fields = selected.fields
            output.fields[field] = nil
            output.fields[outputName] = value
            output.tags = selected.tags.merging(batch.tags) { _, group in group }
            if usePointTimes { output.time = selected.time }
        }
        return output
    }
}
