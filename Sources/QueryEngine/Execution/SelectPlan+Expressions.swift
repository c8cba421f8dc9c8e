import InfluxQL
import TimeSeries

/// SELECT fields that compute: `v * 2`, `mean(v) / 1000`, `abs(n)`, `(a + b) / 2`.
extension SelectPlan {
    mutating func addExpression(_ field: SelectStatement.Field) throws {
        let names = Self.variableNames(field.expression)
        guard !names.isEmpty else { throw QueryError("field must contain at least one variable") }
        let expression = try compile(field.expression)
        appendOutput(field.alias ?? Self.outputName(field.expression), .expression(expression))
    }

    private mutating func compile(_ expression: Expression) throws -> FieldExpression {
        switch expression {
        case .variable(let variable):
            switch read(variable) {
            case .column(let index): return .column(index)
            case .expression(let expression): return expression
            }
        case .parenthesized(let inner): return try compile(inner)
        case .integer(let value): return .constant(.integer(value))
        case .unsigned(let value): return .constant(.unsigned(value))
        case .number(let value): return .constant(.float(value))
        case .boolean(let value): return .constant(.boolean(value))
        case .string(let value): return .constant(.string(value))
        case .binary(let op, let left, let right):
            guard !op.isComparison && op != .and && op != .or else {
                throw QueryError("invalid operator \(op.rawValue) in SELECT clause; operator is intended for WHERE clause")
            }
            try checkTypes(op, left, right)
            return .binary(op, try compile(left), try compile(right))
        case .call(let name, let arguments):
            if let function = MathFunction(rawValue: name) {
                guard arguments.count == function.argumentCount else {
                    throw QueryError("invalid number of arguments for \(name), expected \(function.argumentCount), got \(arguments.count)")
                }
                return .math(function, try arguments.map { try compile($0) })
            }
            if let function = Transformation.Function(name: name) {
                return .column(hidden(.transformation(try Transformation(function, arguments))))
            }
            let parameter = try Self.checkAggregate(name, arguments)
            guard case .variable(let variable) = arguments[0] else { throw QueryError("expected field argument in \(name)()") }
            return .column(hidden(.aggregate(function: name, field: variable.name, argument: parameter)))
        case .duration, .regex, .wildcard:
            throw QueryError("unsupported expression in SELECT: \(StatementPrinter.print(expression))")
        }
    }

    /// Strings, and booleans outside bitwise operators, do not mix with other types: InfluxDB's type error.
    private func checkTypes(_ op: BinaryOperator, _ left: Expression, _ right: Expression) throws {
        guard let leftType = staticType(left), let rightType = staticType(right), leftType != rightType else { return }
        let bitwise: Set<BinaryOperator> = [.bitwiseAnd, .bitwiseOr, .bitwiseXor]
        let clash = [leftType, rightType].contains("string") || ([leftType, rightType].contains("boolean") && !bitwise.contains(op))
        guard clash else { return }
        let printed = StatementPrinter.print(.binary(op, typed(left), typed(right)))
        throw QueryError("type error: \(printed): incompatible types: \(leftType) and \(rightType)")
    }

    /// The type an operand certainly has: a field's type, or a literal's.
    private func staticType(_ expression: Expression) -> String? {
        switch expression {
        case .variable(let variable): fieldTypes[variable.name].map { "\($0)" }
        case .parenthesized(let inner): staticType(inner)
        case .integer: "integer"
        case .number: "float"
        case .string: "string"
        case .boolean: "boolean"
        default: nil
        }
    }

    /// Variables with their field type spelled out, as InfluxDB prints them in type errors.
    private func typed(_ expression: Expression) -> Expression {
        guard case .variable(let variable) = expression, let type = fieldTypes[variable.name],
            let cast = VariableReference.Cast(rawValue: "\(type)")
        else { return expression }
        return .variable(VariableReference(variable.name, cast: cast))
    }

    /// InfluxDB's column name for a computed field: a function's name, a variable's name, or for an operator the
    /// names of the variables and functions in it joined by `_` (`a + b` → `a_b`, `mean(v) * 2` → `mean`).
    static func outputName(_ expression: Expression) -> String {
        switch expression {
        case .call(let name, _): name
        case .variable(let variable): variable.name
        case .parenthesized(let inner): outputName(inner)
        default: variableNames(expression).joined(separator: "_")
        }
    }

    static func variableNames(_ expression: Expression) -> [String] {
        switch expression {
        case .variable(let variable): [variable.name]
        case .call(let name, _): [name]
        case .parenthesized(let inner): variableNames(inner)
        case .binary(_, let left, let right): variableNames(left) + variableNames(right)
        default: []
        }
    }
}
