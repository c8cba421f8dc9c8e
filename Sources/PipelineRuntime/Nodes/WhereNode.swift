import PipelineSpec
import TimeSeries

/// `|where(lambda)`: keeps the points (of a batch: the points inside it) for which the lambda is true; a batch is
/// forwarded even when nothing in it is left.
final class WhereNode: RuntimeNode {
    private let filter: CompiledLambda
    private var states: [GroupKey: LambdaState] = [:]

    init(_ spec: PipelineNode) throws(TaskStartError) {
        guard case .lambda(let expression)? = spec.arguments.first else { throw TaskStartError("\(spec.name): where needs a lambda") }
        filter = try spec.compile(expression)
    }

    var cardinality: Int { states.count }

    func process(_ message: RuntimeMessage, emit: (RuntimeMessage) -> Void) throws(NodeError) {
        var state = states.removeValue(forKey: message.group) ?? filter.makeState()
        defer { states[message.group] = state }
        switch message {
        case .point(let point):
            if try keep(point.fields, point.tags, point.time, &state) { emit(message) }
        case .batch(var batch):
            var kept: [BatchPoint] = []
            for point in batch.points where try keep(point.fields, point.tags, point.time, &state) { kept.append(point) }
            batch.points = kept
            emit(.batch(batch))
        }
    }

    private func keep(_ fields: [String: FieldValue], _ tags: [String: String], _ time: Int64, _ state: inout LambdaState) throws(NodeError)
        -> Bool
    {
        do {
            return try filter.test(LambdaScope(fields: fields, tags: tags, time: time), state: &state)
        } catch {
            throw NodeError("error evaluating where: \(error)")
        }
    }
}
