import PipelineSpec
import TimeSeries

/// The InfluxQL transformations that give one value per input from the ones before it: `difference`,
/// `elapsed(unit)`, `movingAverage(n)`, `cumulativeSum`. On a stream each group keeps its running state; a batch
/// starts afresh and gives a batch. Output: the group's tags and the `.as()` field (default: the method's name).
final class RunningTransformNode: RuntimeNode {
    private enum Kind {
        case difference
        case elapsed(Int64)
        case movingAverage(Int)
        case cumulativeSum
    }

    private struct State {
        var previous: (time: Int64, value: FieldValue)?
        var window: [Double] = []
        var sum: FieldValue?
    }

    private let kind: Kind
    private let field: String
    private let output: String
    private var states: [GroupKey: State] = [:]

    init(_ spec: PipelineNode) throws(TaskStartError) {
        guard case .string(let field)? = spec.arguments.first else { throw TaskStartError("\(spec.name): missing field name") }
        switch (spec.definition.method, spec.arguments.dropFirst().first) {
        case ("difference", _): kind = .difference
        case ("cumulativeSum", _): kind = .cumulativeSum
        case ("elapsed", .duration(let unit)?) where unit > 0: kind = .elapsed(unit)
        case ("movingAverage", .int(let count)?) where count > 0: kind = .movingAverage(Int(count))
        default: throw TaskStartError("\(spec.name): invalid arguments for \(spec.definition.method)")
        }
        self.field = field
        output = spec.string("as", default: spec.definition.method)
    }

    var cardinality: Int { states.count }

    func process(_ message: RuntimeMessage, emit: (RuntimeMessage) -> Void) throws(NodeError) {
        switch message {
        case .point(let point):
            var state = states.removeValue(forKey: point.group) ?? State()
            defer { states[point.group] = state }
            guard let value = point.fields[field], let result = try step(value, at: point.time, &state) else { return }
            var out = StreamPoint(
                name: point.name, database: point.database, retentionPolicy: point.retentionPolicy,
                tags: point.group.groupTags(of: point.tags), fields: [output: result], time: point.time)
            out.group = point.group
            emit(.point(out))
        case .batch(var batch):
            var state = State()
            var points: [BatchPoint] = []
            for point in batch.points {
                guard let value = point.fields[field], let result = try step(value, at: point.time, &state) else { continue }
                points.append(BatchPoint(time: point.time, fields: [output: result], tags: batch.tags))
            }
            batch.points = points
            emit(.batch(batch))
        }
    }

    private func step(_ value: FieldValue, at time: Int64, _ state: inout State) throws(NodeError) -> FieldValue? {
        defer { state.previous = (time, value) }
        switch kind {
        case .elapsed(let unit):
            guard let previous = state.previous else { return nil }
            return .integer(time.subtractingSaturated(previous.time) / unit)
        case .difference:
            guard let previous = state.previous else { return nil }
            return try Self.combine(value, previous.value, -)
        case .cumulativeSum:
            state.sum = try state.sum.map { sum throws(NodeError) in try Self.combine(sum, value, +) } ?? value
            return state.sum
        case .movingAverage(let count):
            guard let number = value.numericValue else { throw NodeError("movingAverage: \(field) is not a number") }
            state.window.append(number)
            if state.window.count > count { state.window.removeFirst() }
            guard state.window.count == count else { return nil }
            return .float(state.window.reduce(0, +) / Double(count))
        }
    }

    /// Integers stay integers, floats floats; anything else is an error.
    private static func combine(
        _ a: FieldValue, _ b: FieldValue, _ operation: (Double, Double) -> Double
    ) throws(NodeError) -> FieldValue {
        switch (a, b) {
        case (.integer(let x), .integer(let y)): .integer(Int64(goTruncating: operation(Double(x), Double(y))))
        case (.float(let x), .float(let y)): .float(operation(x, y))
        default: throw NodeError("unsupported field types \(a.type) and \(b.type)")
        }
    }
}
