import TICKscript
import TimeSeries

/// Expressions outside lambdas: literals, vars, lists, `time()`, arithmetic computed at once, and chains.
extension PipelineBuilder {
    mutating func evaluate(_ expression: TickExpression) throws(PipelineError) -> TickValue {
        let at = expression.position
        switch expression.kind {
        case .integer(let value): return .int(value)
        case .number(let value): return .float(value)
        case .boolean(let value): return .bool(value)
        case .string(let value): return .string(value)
        case .duration(let value): return .duration(value)
        case .regex(let pattern): return .regex(pattern)
        case .star: return .star
        case .reference(let name):
            throw PipelineError(
                "\"\(name)\" is a field or tag reference, which only a lambda can use; did you use double quotes instead of single quotes?",
                at: at)
        case .identifier(let name): return try lookUp(name, at: at)
        case .list(let elements):
            var values: [TickValue] = []
            for element in elements { values.append(try evaluate(element)) }
            return .list(values)
        case .lambda(let body):
            return .lambda(try LambdaChecker(scope: scope).check(body).expression)
        case .unary(let op, let operand):
            return try ConstantFolder.unary(op, try evaluate(operand), at: at)
        case .binary(let op, let left, let right):
            return try ConstantFolder.binary(op, try evaluate(left), try evaluate(right), at: at)
        case .call(let name, let arguments):
            return try evaluateCall(name, arguments, at: at)
        case .chain:
            return try evaluateChain(expression)
        }
    }

    func lookUp(_ name: String, at position: TickPosition) throws(PipelineError) -> TickValue {
        if let source = TaskType(rawValue: name) {
            guard source == type else { throw PipelineError("\(name) cannot be used in a \(type.rawValue) task", at: position) }
            return .node(0)
        }
        guard let value = scope[name] else { throw PipelineError("undefined variable \"\(name)\"", at: position) }
        return value
    }

    /// Outside a lambda the only function is `time(length[, offset])`, for `query(…).groupBy(time(1m))`.
    private mutating func evaluateCall(_ name: String, _ arguments: [TickExpression], at position: TickPosition) throws(PipelineError)
        -> TickValue
    {
        guard name == "time" else {
            throw PipelineError("undefined function \(name)(); functions other than time() can only be used inside a lambda", at: position)
        }
        var values: [TickValue] = []
        for argument in arguments { values.append(try evaluate(argument)) }
        let padded = values.count == 1 ? [values[0], .duration(0)] : values
        if padded.count == 2, case .duration(let length) = padded[0], case .duration(let offset) = padded[1] {
            return .timeDimension(length: length, offset: offset)
        }
        throw PipelineError("time() takes a duration and an optional offset duration, e.g. time(1m) or time(1h, 15m)", at: position)
    }
}

/// Arithmetic and comparisons on constants (`var period = 5m * 2`), with the type rules of lambdas.
enum ConstantFolder {
    static func unary(_ op: TickOperator, _ value: TickValue, at position: TickPosition) throws(PipelineError) -> TickValue {
        switch (op, value) {
        case (.not, .bool(let flag)): return .bool(!flag)
        case (.minus, .int(let number)): return .int(number.negatedWrapping)
        case (.minus, .float(let number)): return .float(-number)
        case (.minus, .duration(let number)): return .duration(number.negatedWrapping)
        default: throw PipelineError("invalid operand \(value.type.spoken) for unary \(op.rawValue)", at: position)
        }
    }

    static func binary(_ op: TickOperator, _ left: TickValue, _ right: TickValue, at position: TickPosition) throws(PipelineError)
        -> TickValue
    {
        let resultType: LambdaType
        do {
            resultType = try LambdaTypeRules.binary(op, LambdaType(left.type), LambdaType(right.type))
        } catch {
            throw PipelineError(error.message, at: position)
        }
        if let value = fold(op, left, right) { return value }
        throw PipelineError("cannot compute \(left.type.spoken) \(op.rawValue) \(right.type.spoken) (result \(resultType))", at: position)
    }

    private static func fold(_ op: TickOperator, _ left: TickValue, _ right: TickValue) -> TickValue? {
        switch (left, right) {
        case (.int(let a), .int(let b)): return integer(op, a, b).map { op.isComparison ? .bool($0 != 0) : .int($0) }
        case (.float(let a), .float(let b)): return float(op, a, b)
        case (.duration(let a), .duration(let b)):
            if op == .divide { return b == 0 ? nil : .int(a.dividedWrapping(by: b)) }
            return integer(op, a, b).map { op.isComparison ? .bool($0 != 0) : .duration($0) }
        case (.duration(let a), .int(let b)), (.int(let b), .duration(let a)):
            return op == .multiply
                ? .duration(a &* b) : op == .divide && b != 0 && left.type == .duration ? .duration(a.dividedWrapping(by: b)) : nil
        case (.duration(let a), .float(let b)), (.float(let b), .duration(let a)):
            return op == .multiply
                ? .duration(Int64(goTruncating: Double(a) * b))
                : op == .divide && b != 0 && left.type == .duration ? .duration(Int64(goTruncating: Double(a) / b)) : nil
        case (.string(let a), .string(let b)):
            switch op {
            case .plus: return .string(a + b)
            case .equal: return .bool(a == b)
            case .notEqual: return .bool(a != b)
            case .less: return .bool(a < b)
            case .lessOrEqual: return .bool(a <= b)
            case .greater: return .bool(a > b)
            case .greaterOrEqual: return .bool(a >= b)
            default: return nil
            }
        case (.bool(let a), .bool(let b)):
            switch op {
            case .and: return .bool(a && b)
            case .or: return .bool(a || b)
            case .equal: return .bool(a == b)
            case .notEqual: return .bool(a != b)
            default: return nil
            }
        default: return nil
        }
    }

    /// Integer arithmetic; comparisons give 1 or 0. Nil for a division by zero.
    private static func integer(_ op: TickOperator, _ a: Int64, _ b: Int64) -> Int64? {
        switch op {
        case .plus: a &+ b
        case .minus: a &- b
        case .multiply: a &* b
        case .divide: b == 0 ? nil : a.dividedWrapping(by: b)
        case .modulo: b == 0 ? nil : a.remainderWrapping(dividingBy: b)
        case .equal: a == b ? 1 : 0
        case .notEqual: a != b ? 1 : 0
        case .less: a < b ? 1 : 0
        case .lessOrEqual: a <= b ? 1 : 0
        case .greater: a > b ? 1 : 0
        case .greaterOrEqual: a >= b ? 1 : 0
        default: nil
        }
    }

    private static func float(_ op: TickOperator, _ a: Double, _ b: Double) -> TickValue? {
        switch op {
        case .plus: .float(a + b)
        case .minus: .float(a - b)
        case .multiply: .float(a * b)
        case .divide: .float(a / b)
        case .equal: .bool(a == b)
        case .notEqual: .bool(a != b)
        case .less: .bool(a < b)
        case .lessOrEqual: .bool(a <= b)
        case .greater: .bool(a > b)
        case .greaterOrEqual: .bool(a >= b)
        default: nil
        }
    }
}

extension TickOperator {
    var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: true
        default: false
        }
    }
}
