import PipelineSpec
import TimeSeries

/// `|stateDuration(lambda)` and `|stateCount(lambda)`: per group, how long (in `.unit()`s, a float) or for how
/// many points (an int) the lambda has been true in a row, as the `.as()` field; -1 while it is false.
final class StateTrackingNode: RuntimeNode {
    private struct State {
        var lambda: LambdaState
        var since: Int64?
        var count: Int64 = 0
    }

    private let condition: CompiledLambda
    private let output: String
    /// nil: count points (`stateCount`).
    private let unit: Int64?
    private var states: [GroupKey: State] = [:]

    init(_ spec: PipelineNode) throws(TaskStartError) {
        guard case .lambda(let expression)? = spec.arguments.first else { throw TaskStartError("\(spec.name): needs a lambda") }
        condition = try spec.compile(expression)
        output = spec.string("as")
        unit = spec.definition.method == "stateDuration" ? (spec.duration("unit") ?? 1_000_000_000) : nil
    }

    var cardinality: Int { states.count }

    func process(_ message: RuntimeMessage, emit: (RuntimeMessage) -> Void) throws(NodeError) {
        var state = states.removeValue(forKey: message.group) ?? State(lambda: condition.makeState())
        defer { states[message.group] = state }
        switch message {
        case .point(var point):
            point.fields[output] = try track(point.fields, point.tags, point.time, &state)
            emit(.point(point))
        case .batch(var batch):
            for index in batch.points.indices {
                let point = batch.points[index]
                batch.points[index].fields[output] = try track(
                    point.fields, point.tags.merging(batch.tags) { own, _ in own }, point.time, &state)
            }
            emit(.batch(batch))
        }
    }

    private func track(_ fields: [String: FieldValue], _ tags: [String: String], _ time: Int64, _ state: inout State) throws(NodeError)
        -> FieldValue
    {
        let holds: Bool
        do {
            holds = try condition.test(LambdaScope(fields: fields, tags: tags, time: time), state: &state.lambda)
        } catch {
            throw NodeError("error evaluating expression: \(error)")
        }
        guard holds else {
            state.since = nil
            state.count = 0
            return unit == nil ? .integer(-1) : .float(-1)
        }
        guard let unit else {
            state.count += 1
            return .integer(state.count)
        }
        let since = state.since ?? time
        state.since = since
        return .float(Double(time.subtractingSaturated(since)) / Double(unit))
    }
}

/// `|changeDetect(fields…)`: a group's point only when one of the fields differs from its previous point (the first
/// always passes); in a batch, its points compared in order.
final class ChangeDetectNode: RuntimeNode {
    private let fields: [String]
    private var previous: [GroupKey: [FieldValue?]] = [:]

    init(_ spec: PipelineNode) {
        fields = spec.arguments.compactMap { if case .string(let name) = $0 { name } else { nil } }
    }

    var cardinality: Int { previous.count }

    func process(_ message: RuntimeMessage, emit: (RuntimeMessage) -> Void) throws(NodeError) {
        switch message {
        case .point(let point):
            let values = fields.map { point.fields[$0] }
            guard previous[point.group].map({ $0 != values }) ?? true else { return }
            previous[point.group] = values
            emit(message)
        case .batch(var batch):
            var last: [FieldValue?]?
            batch.points = batch.points.filter { point in
                let values = fields.map { point.fields[$0] }
                defer { last = values }
                return last.map { $0 != values } ?? true
            }
            emit(.batch(batch))
        }
    }
}
