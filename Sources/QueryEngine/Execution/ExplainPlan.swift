import InfluxQL
import TimeSeries

/// What `EXPLAIN` and `EXPLAIN ANALYZE` read off a SELECT: the iterators InfluxDB would make (one per call that
/// reads data, or for a raw query one for all the fields and tags it reads), the fields its condition tests, and
/// the statement and expressions printed with their types as InfluxDB prints them (`mean(v::float)`).
struct ExplainPlan {
    /// The calls that read data, in the statement's order; empty for a raw query.
    let calls: [Expression]
    /// A raw query's fields and tags, `*` expanded, sorted by name.
    let auxiliary: [String]
    /// Fields the WHERE clause tests.
    let conditionFields: [String]
    /// Whether any iterator is made: a raw query of nothing the measurements hold makes none (InfluxDB's null cursor).
    let readsSomething: Bool
    private let types: [String: FieldType]
    private let tags: Set<String>
    private let condition: Expression?

    init(_ select: SelectStatement, scope: QueryExecutor.SelectScope) throws {
        let types = Dictionary(scope.allFields.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
        let calls = select.fields.flatMap { Self.iteratorCalls($0.expression) }
        let auxiliary = calls.isEmpty ? Self.references(in: select.fields.map(\.expression), scope: scope) : []
        self.types = types
        self.calls = calls
        self.auxiliary = auxiliary
        tags = scope.allTagKeys
        conditionFields = (scope.condition.predicate.map(TagPredicate.names) ?? []).filter { types[$0] != nil }.sorted()
        readsSomething = !calls.isEmpty || auxiliary.contains { types[$0] != nil || scope.allTagKeys.contains($0) }
        condition = select.condition.flatMap(Self.withoutTime)
    }

    /// Each call, or nil once for a raw query.
    var iteratorCalls: [Expression?] { calls.isEmpty ? [nil] : calls.map(Optional.some) }

    var typedAuxiliary: String {
        auxiliary.map { typed(.variable(VariableReference($0))) }.joined(separator: ", ")
    }

    /// The condition without its time range, typed: `host::tag = 'a'`.
    var conditionText: String? { condition.map(typed) }

    /// The statement as InfluxDB shows it once rewritten: sources in full, references typed, the time range out of
    /// the condition.
    func statementText(_ select: SelectStatement, scope: QueryExecutor.SelectScope) -> String {
        var rewritten = select.relocatingData { ($0.database ?? scope.database, $0.retentionPolicy ?? scope.policy) }
        rewritten.fields = rewritten.fields.flatMap { field -> [SelectStatement.Field] in
            guard case .wildcard(let cast) = field.expression else {
                var field = field
                field.expression = typing(field.expression)
                return [field]
            }
            // `*` is written out: the fields (and tags) it stands for, by name.
            let names = (cast == .tag ? [] : Array(types.keys)) + (cast == .field ? [] : Array(tags))
            return names.sorted().map { SelectStatement.Field(typing(.variable(VariableReference($0)))) }
        }
        rewritten.condition = condition.map(typing)
        return StatementPrinter.print(.select(rewritten))
    }

    /// The expression with each reference given its type, as InfluxDB prints an iterator's (`mean(v::float)`).
    func typed(_ expression: Expression) -> String {
        StatementPrinter.print(typing(expression))
    }

    private func typing(_ expression: Expression) -> Expression {
        switch expression {
        case .variable(let reference) where reference.cast == nil && reference.name != "time":
            let cast = types[reference.name].flatMap { VariableReference.Cast(rawValue: $0.description) }
            return .variable(VariableReference(reference.name, cast: cast ?? (tags.contains(reference.name) ? .tag : nil)))
        case .call(let name, let arguments): return .call(name: name, arguments: arguments.map(typing))
        case .binary(let op, let left, let right): return .binary(op, typing(left), typing(right))
        case .parenthesized(let inner): return .parenthesized(typing(inner))
        default: return expression
        }
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

    static func firstReference(_ call: Expression) -> String? {
        guard case .call(_, let arguments) = call, case .variable(let reference)? = arguments.first else { return nil }
        return reference.name
    }

    /// The fields and tags a raw query reads, `*` expanded, sorted by name, without `time`.
    private static func references(in expressions: [Expression], scope: QueryExecutor.SelectScope) -> [String] {
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

    /// The condition with its comparisons of `time` taken out of the ANDs holding them; nil when nothing is left.
    private static func withoutTime(_ expression: Expression) -> Expression? {
        switch expression {
        case .parenthesized(let inner): return withoutTime(inner)
        case .binary(.and, let left, let right):
            switch (withoutTime(left), withoutTime(right)) {
            case (let left?, let right?): return .binary(.and, left, right)
            case (let only?, nil), (nil, let only?): return only
            case (nil, nil): return nil
            }
        case .binary(_, .variable(let reference), _) where reference.name.lowercased() == "time": return nil
        case .binary(_, _, .variable(let reference)) where reference.name.lowercased() == "time": return nil
        default: return expression
        }
    }
}
