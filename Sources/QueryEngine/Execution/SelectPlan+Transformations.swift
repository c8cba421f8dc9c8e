import InfluxQL
import RE2Regex
import TimeSeries

/// Transformation columns (`derivative(v)`, `holt_winters(mean(v), 4, 2)`, …): wildcards expanded, and checked
/// against the GROUP BY interval and the other columns.
extension SelectPlan {
    /// `derivative(v)`, or one column per field for `derivative(*)`, `derivative(/re/)` or `derivative(mean(*))`
    /// (named `derivative_<field>`), with the fields the innermost call takes, as InfluxQL rewrites wildcards.
    mutating func addTransformation(
        _ function: Transformation.Function, _ arguments: [Expression], alias: String?, fields: [(name: String, type: FieldType)]
    ) throws {
        let name = alias ?? function.name
        var innermost = (name: function.name, arguments: arguments)
        while case .call(let inner, let innerArguments)? = innermost.arguments.first { innermost = (inner, innerArguments) }
        let regex: RE2Regex?
        switch innermost.arguments.first {
        case .wildcard(let cast)?:
            if cast == .tag { throw QueryError("unable to use tag wildcard in \(innermost.name)()") }
            regex = nil
        case .regex(let pattern)?: regex = try RE2Regex(pattern)
        default: return append(name, .transformation(try Transformation(function, arguments)))
        }
        for fieldName in Self.expansion(of: innermost.name, fields: fields, matching: regex) {
            append(
                "\(name)_\(fieldName)", .transformation(try Transformation(function, Self.replacingInnermost(arguments, with: fieldName))))
        }
    }

    /// The arguments with the innermost call's first argument (the wildcard) replaced by a field.
    private static func replacingInnermost(_ arguments: [Expression], with field: String) -> [Expression] {
        guard let first = arguments.first else { return arguments }
        var replaced = arguments
        if case .call(let inner, let innerArguments) = first {
            replaced[0] = .call(name: inner, arguments: replacingInnermost(innerArguments, with: field))
        } else {
            replaced[0] = .variable(VariableReference(field))
        }
        return replaced
    }

    /// Each transformation checked against the GROUP BY interval (given it when it transforms an aggregate). Raw
    /// transformations go only with each other; transformations of aggregates with aggregates.
    mutating func checkTransformations(_ statement: SelectStatement) throws {
        let interval = statement.dimensions.lazy.compactMap { if case .time(let interval, _) = $0 { interval } else { nil } }.first
        for index in columns.indices {
            guard case .transformation(var transformation) = columns[index] else { continue }
            switch (transformation.aggregate, interval) {
            case (nil, .some):
                throw QueryError("aggregate function required inside the call to \(transformation.function.name)")
            case (.some, nil):
                throw QueryError("\(transformation.function.name) aggregate requires a GROUP BY interval")
            case (.some, .some(let interval)):
                transformation.useGroupInterval(interval)
                columns[index] = .transformation(transformation)
            case (nil, nil): break
            }
        }
        guard hasTransformation else { return }
        let rawTransformations = transformations.contains { $0.aggregate == nil }
        for column in columns {
            switch column {
            case .transformation(let transformation) where (transformation.aggregate == nil) == rawTransformations: continue
            case .aggregate where !rawTransformations: continue
            default: throw QueryError("mixing aggregate and non-aggregate queries is not supported")
            }
        }
    }
}
