import TICKscript

/// Checks a lambda's body where its types are known and puts the values of TICKscript vars into it, so the
/// runtime gets a self-contained expression: `lambda: "host" == host` with `var host = 'a'` becomes `"host" == 'a'`.
struct LambdaChecker {
    let scope: [String: TickValue]

    func check(_ expression: TickExpression) throws(PipelineError) -> (expression: TickExpression, type: LambdaType) {
        let at = expression.position
        switch expression.kind {
        case .integer: return (expression, .int)
        case .number: return (expression, .float)
        case .boolean: return (expression, .bool)
        case .string: return (expression, .string)
        case .duration: return (expression, .duration)
        case .regex: return (expression, .regex)
        case .reference(let name): return (expression, name == "time" ? .time : .unknown)
        case .identifier(let name): return try substitute(name, at: at)
        case .unary(let op, let operand):
            let (checked, type) = try check(operand)
            let valid = op == .not ? [.bool, .unknown].contains(type) : [.int, .float, .duration, .unknown].contains(type)
            guard valid else { throw PipelineError("invalid operand \(type) for unary \(op.rawValue)", at: at) }
            return (TickExpression(.unary(op, checked), at: at), type)
        case .binary(let op, let left, let right):
            let (checkedLeft, leftType) = try check(left)
            let (checkedRight, rightType) = try check(right)
            do {
                let type = try LambdaTypeRules.binary(op, leftType, rightType)
                return (TickExpression(.binary(op, checkedLeft, checkedRight), at: at), type)
            } catch {
                throw PipelineError(error.message, at: at)
            }
        case .call(let name, let arguments):
            return try checkCall(name, arguments, at: at)
        case .star, .list, .lambda, .chain:
            throw PipelineError("a lambda can only hold an expression of values, references and functions", at: at)
        }
    }

    /// A var inside a lambda is replaced by its value.
    private func substitute(_ name: String, at position: TickPosition) throws(PipelineError) -> (
        expression: TickExpression, type: LambdaType
    ) {
        guard let value = scope[name] else {
            if name == "stream" || name == "batch" { throw PipelineError("a lambda cannot use \(name)", at: position) }
            throw PipelineError("undefined variable \"\(name)\"", at: position)
        }
        let kind: TickExpression.Kind
        switch value {
        case .int(let number): kind = .integer(number)
        case .float(let number): kind = .number(number)
        case .bool(let flag): kind = .boolean(flag)
        case .string(let text): kind = .string(text)
        case .duration(let nanoseconds): kind = .duration(nanoseconds)
        case .regex(let pattern): kind = .regex(pattern)
        case .lambda(let body): return try check(body)
        case .list, .star, .node, .timeDimension:
            throw PipelineError("var \(name) holds \(value.type.spoken), which a lambda cannot use", at: position)
        }
        return try check(TickExpression(kind, at: position))
    }

    private func checkCall(_ name: String, _ arguments: [TickExpression], at position: TickPosition) throws(PipelineError)
        -> (expression: TickExpression, type: LambdaType)
    {
        guard let function = LambdaFunction.table[name] else { throw PipelineError("undefined function \(name)()", at: position) }
        let count = arguments.count
        let maximum = function.parameters.count
        let minimum = maximum - function.optionalCount
        guard count >= minimum && count <= maximum else {
            let expected = minimum == maximum ? "\(maximum)" : "\(minimum) to \(maximum)"
            throw PipelineError("\(name)() takes \(expected) argument\(maximum == 1 ? "" : "s"), got \(count)", at: position)
        }
        var checked: [TickExpression] = []
        var types: [LambdaType] = []
        for (index, argument) in arguments.enumerated() {
            let (expression, type) = try check(argument)
            try Self.ensure(type, of: argument, fits: function.parameters[index], function: name, index: index)
            checked.append(expression)
            types.append(type)
        }
        var result = function.returns
        if name == "if" { result = try ifType(types, at: position) }
        return (TickExpression(.call(name: name, arguments: checked), at: position), result)
    }

    private static func ensure(
        _ type: LambdaType, of argument: TickExpression, fits parameter: LambdaFunction.Parameter, function: String, index: Int
    )
        throws(PipelineError)
    {
        let fits: Bool
        switch parameter {
        case .any: fits = true
        case .number: fits = type.isNumeric || type == .unknown
        case .exactly(let expected): fits = type == expected || type == .unknown
        case .reference:
            if case .reference = argument.kind { fits = true } else { fits = false }
        }
        guard !fits else { return }
        let expected: String
        switch parameter {
        case .exactly(let wanted): expected = "\(wanted)"
        case .number: expected = "int or float"
        case .reference: expected = "a field or tag reference such as \"value\""
        case .any: expected = "any value"
        }
        var message = "\(function)() argument \(index + 1) must be \(expected), got \(type)"
        if parameter == .exactly(.float) && type == .int { message += "; use float() or write 1.0" }
        throw PipelineError(message, at: argument.position)
    }

    private func ifType(_ types: [LambdaType], at position: TickPosition) throws(PipelineError) -> LambdaType {
        if types[1] != .unknown && types[2] != .unknown && types[1] != types[2] {
            throw PipelineError("if() needs both results of the same type, got \(types[1]) and \(types[2])", at: position)
        }
        return types[1] == .unknown ? types[2] : types[1]
    }
}
