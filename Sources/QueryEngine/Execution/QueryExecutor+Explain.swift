import InfluxQL
import Storage
import TimeSeries

/// `EXPLAIN SELECT …`: the iterators InfluxDB would make for the statement, each with what it would read
/// (`StorageEngine.readCost`): one per aggregate call and measurement (`EXPRESSION: mean(v::float)`), or for a raw
/// query one per measurement with the fields and tags it reads (`EXPRESSION: <nil>`, `AUXILIARY FIELDS: …`). Calls
/// come in the statement's order; InfluxDB's order of several calls is its map's, so it varies from run to run.
extension QueryExecutor {
    func explain(_ select: SelectStatement, analyze: Bool, id: Int, context: Context) throws -> StatementResult {
        guard !analyze else { throw QueryError("EXPLAIN ANALYZE is not supported") }
        let (scope, measurements) = try selectScope(select, context: context)
        let types = Dictionary(scope.allFields.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
        let calls = select.fields.flatMap { Self.iteratorCalls($0.expression) }
        let auxiliary = calls.isEmpty ? Self.references(in: select.fields.map(\.expression), scope: scope) : []
        let conditionFields = (scope.condition.predicate.map(TagPredicate.names) ?? []).filter { types[$0] != nil }.sorted()
        // A raw query of nothing the measurements hold makes no iterator at all (InfluxDB's null cursor).
        let readsSomething = !calls.isEmpty || auxiliary.contains { types[$0] != nil || scope.allTagKeys.contains($0) }
        var lines: [String] = []
        for call in calls.isEmpty ? [nil] : calls.map(Optional.some) where readsSomething {
            for measurement in measurements {
                let read = try measurementRead(measurement, select, scope: scope)
                let field = call.flatMap(Self.firstReference)
                let cost = try engine.readCost(
                    database: scope.database, retentionPolicy: scope.policy, seriesKeys: read.groups.flatMap { $0.series.map(\.key) },
                    fields: (field.map { [$0] } ?? []) + auxiliary + conditionFields, in: scope.condition.timeRange)
                if !lines.isEmpty { lines.append("") }
                lines.append("EXPRESSION: " + (call.map { Self.typed($0, types: types, tags: scope.allTagKeys) } ?? "<nil>"))
                if !auxiliary.isEmpty {
                    let shown = auxiliary.map { Self.typed(.variable(VariableReference($0)), types: types, tags: scope.allTagKeys) }
                    lines.append("AUXILIARY FIELDS: " + shown.joined(separator: ", "))
                }
                lines += [
                    "NUMBER OF SHARDS: \(cost.shards)", "NUMBER OF SERIES: \(cost.series)", "CACHED VALUES: \(cost.cachedValues)",
                    "NUMBER OF FILES: \(cost.files)", "NUMBER OF BLOCKS: \(cost.blocks)", "SIZE OF BLOCKS: \(cost.blockBytes)",
                ]
            }
        }
        let rows = (lines.isEmpty ? [""] : lines).map { [ResultValue.string($0)] }
        return StatementResult(statementID: id, series: [ResultSeries(name: nil, columns: ["QUERY PLAN"], values: rows)])
    }

    /// The calls that read data: the innermost ones (`derivative(mean(v))` reads through `mean(v)`).
    static func iteratorCalls(_ expression: Expression) -> [Expression] {
        switch expression {
        case .call(_, let arguments):
            let inner = arguments.flatMap(iteratorCalls)
            return inner.isEmpty ? [expression] : inner
        case .binary(_, let left, let right): return iteratorCalls(left) + iteratorCalls(right)
        case .parenthesized(let inner): return iteratorCalls(inner)
        default: return []
        }
    }

    private static func firstReference(_ call: Expression) -> String? {
        guard case .call(_, let arguments) = call, case .variable(let reference)? = arguments.first else { return nil }
        return reference.name
    }

    /// The fields and tags a raw query reads, `*` expanded, sorted by name, without `time`.
    private static func references(in expressions: [Expression], scope: SelectScope) -> [String] {
        var names: Set<String> = []
        func collect(_ expression: Expression) {
            switch expression {
            case .variable(let reference) where reference.name != "time": names.insert(reference.name)
            case .wildcard(let cast):
                if cast != .tag { names.formUnion(scope.allFields.map(\.name)) }
                if cast != .field { names.formUnion(scope.allTagKeys) }
            case .binary(_, let left, let right):
                collect(left)
                collect(right)
            case .parenthesized(let inner): collect(inner)
            case .call(_, let arguments): arguments.forEach(collect)
            default: break
            }
        }
        expressions.forEach(collect)
        return names.sorted()
    }

    /// The expression with each reference given its type, as InfluxDB prints an iterator's (`mean(v::float)`).
    private static func typed(_ expression: Expression, types: [String: FieldType], tags: Set<String>) -> String {
        func typing(_ expression: Expression) -> Expression {
            switch expression {
            case .variable(let reference) where reference.cast == nil:
                let cast = types[reference.name].flatMap { VariableReference.Cast(rawValue: $0.description) }
                return .variable(VariableReference(reference.name, cast: cast ?? (tags.contains(reference.name) ? .tag : nil)))
            case .call(let name, let arguments): return .call(name: name, arguments: arguments.map(typing))
            case .binary(let op, let left, let right): return .binary(op, typing(left), typing(right))
            case .parenthesized(let inner): return .parenthesized(typing(inner))
            default: return expression
            }
        }
        return StatementPrinter.print(typing(expression))
    }
}
