import PipelineSpec
import TimeSeries

/// `|eval(lambda, …).as(…)`: adds each lambda's result as a field (or, named in `.tags()`, a tag); later lambdas see
/// earlier results. Without `.keep()` only the new fields remain; `.keep()` keeps all, `.keep(names…)` exactly those.
final class EvalNode: RuntimeNode {
    private let expressions: [CompiledLambda]
    private let names: [String]
    private let tagNames: Set<String>
    /// nil: no `.keep()`; empty: `.keep()`; else the names kept.
    private let keep: [String]?
    private var states: [GroupKey: [LambdaState]] = [:]

    init(_ spec: PipelineNode) throws(TaskStartError) {
        var compiled: [CompiledLambda] = []
        for argument in spec.arguments {
            guard case .lambda(let expression) = argument else { continue }
            compiled.append(try spec.compile(expression))
        }
        expressions = compiled
        names = (spec.property("as") ?? []).compactMap { if case .string(let name) = $0 { name } else { nil } }
        guard names.count == expressions.count else {
            throw TaskStartError("\(spec.name): must provide one name per expression via the 'As' property")
        }
        tagNames = Set((spec.property("tags") ?? []).compactMap { if case .string(let name) = $0 { name } else { nil } })
        keep = spec.property("keep").map { $0.compactMap { if case .string(let name) = $0 { name } else { nil } } }
    }

    var cardinality: Int { states.count }

    func process(_ message: RuntimeMessage, emit: (RuntimeMessage) -> Void) throws(NodeError) {
        var groupStates = states.removeValue(forKey: message.group) ?? expressions.map { $0.makeState() }
        defer { states[message.group] = groupStates }
        switch message {
        case .point(var point):
            try evaluate(&point.fields, &point.tags, point.time, &groupStates)
            emit(.point(point))
        case .batch(var batch):
            for index in batch.points.indices {
                var point = batch.points[index]
                try evaluate(&point.fields, &point.tags, point.time, &groupStates)
                batch.points[index] = point
            }
            emit(.batch(batch))
        }
    }

    private func evaluate(
        _ fields: inout [String: FieldValue], _ tags: inout [String: String], _ time: Int64, _ groupStates: inout [LambdaState]
    ) throws(NodeError) {
        var scope = LambdaScope(fields: fields, tags: tags, time: time)
        var newFields: [String: FieldValue] = [:]
        for index in expressions.indices {
            let result: LambdaValue
            do {
                result = try expressions[index].evaluate(scope, state: &groupStates[index])
            } catch {
                throw NodeError("error evaluating expression: \(error)")
            }
            let name = names[index]
            if tagNames.contains(name) {
                guard case .string(let text) = result else {
                    throw NodeError("cannot convert \(result.typeName) result to tag \(name): must be string")
                }
                tags[name] = text
                scope.tags[name] = text
            } else {
                guard let value = result.fieldValue else { throw NodeError("expression \(name) gave no field value") }
                newFields[name] = value
                scope.fields[name] = value
            }
        }
        guard let keep else {
            fields = newFields
            return
        }
        if keep.isEmpty {
            fields.merge(newFields) { _, new in new }
            return
        }
        var kept: [String: FieldValue] = [:]
        for name in keep {
            guard let value = newFields[name] ?? fields[name] else {
                throw NodeError("cannot keep field \"\(name)\", field does not exist")
            }
            kept[name] = value
        }
        fields = kept
    }
}
