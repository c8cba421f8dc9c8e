import TICKscript
import TimeSeries

/// Walks a compiled lambda for one point with Kapacitor's type rules (SPEC-kapacitor.md §1.4): no implicit
/// int/float arithmetic, mixed int/float comparisons allowed, `missing` an error everywhere but `isPresent`.
struct LambdaEvaluator {
    let scope: LambdaScope
    var state: LambdaState

    mutating func evaluate(_ node: CompiledLambda.Node) throws(LambdaError) -> LambdaValue {
        switch node {
        case .constant(let value): return value
        case .reference(let name):
            let value = try scope.resolve(name)
            if case .missing = value { throw LambdaError("no field or tag exists for \(name)") }
            return value
        case .isPresent(let name):
            if case .missing = try scope.resolve(name) { return .bool(false) }
            return .bool(true)
        case .unary(let op, let operand): return try unary(op, try evaluate(operand))
        case .binary(.and, let left, let right), .binary(.or, let left, let right):
            guard case .bool(let lhs) = try evaluate(left) else { throw LambdaError("logical operator needs booleans") }
            let isAnd = if case .binary(.and, _, _) = node { true } else { false }
            if isAnd != lhs { return .bool(lhs) }
            guard case .bool(let rhs) = try evaluate(right) else { throw LambdaError("logical operator needs booleans") }
            return .bool(rhs)
        case .binary(let op, let left, let right): return try binary(op, try evaluate(left), try evaluate(right))
        case .call(let name, let arguments):
            var values: [LambdaValue] = []
            for argument in arguments { values.append(try evaluate(argument)) }
            return try LambdaFunctionTable.call(name, values, now: scope.time)
        case .stateful(let name, let arguments, let slot):
            var values: [LambdaValue] = []
            for argument in arguments { values.append(try evaluate(argument)) }
            return try LambdaFunctionTable.callStateful(name, values, slot: &state.slots[slot])
        }
    }

    private func unary(_ op: TickOperator, _ value: LambdaValue) throws(LambdaError) -> LambdaValue {
        switch (op, value) {
        case (.not, .bool(let flag)): return .bool(!flag)
        case (.minus, .int(let number)): return .int(number.negatedWrapping)
        case (.minus, .float(let number)): return .float(-number)
        case (.minus, .duration(let number)): return .duration(number.negatedWrapping)
        default: throw LambdaError("invalid unary operator \(op.rawValue) on \(value.typeName)")
        }
    }

    private func binary(_ op: TickOperator, _ left: LambdaValue, _ right: LambdaValue) throws(LambdaError) -> LambdaValue {
        switch op {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: return .bool(try compare(op, left, right))
        case .regexMatch, .regexNotMatch:
            guard case .string(let text) = left, case .regex(let regex) = right else {
                throw LambdaError("mismatched type to binary operator. got \(left.typeName) \(op.rawValue) \(right.typeName)")
            }
            return .bool(regex.matches(text) == (op == .regexMatch))
        default: return try arithmetic(op, left, right)
        }
    }

    private func compare(_ op: TickOperator, _ left: LambdaValue, _ right: LambdaValue) throws(LambdaError) -> Bool {
        let order: Int
        switch (left, right) {
        case (.int(let a), .int(let b)): order = a < b ? -1 : a == b ? 0 : 1
        case (.float(let a), .float(let b)): order = a < b ? -1 : a == b ? 0 : 1
        case (.int(let a), .float(let b)): order = Double(a) < b ? -1 : Double(a) == b ? 0 : 1
        case (.float(let a), .int(let b)): order = a < Double(b) ? -1 : a == Double(b) ? 0 : 1
        case (.string(let a), .string(let b)): order = a < b ? -1 : a == b ? 0 : 1
        case (.duration(let a), .duration(let b)), (.time(let a), .time(let b)): order = a < b ? -1 : a == b ? 0 : 1
        case (.bool(let a), .bool(let b)) where op == .equal || op == .notEqual: order = a == b ? 0 : 1
        default: throw LambdaError("mismatched type to binary operator. got \(left.typeName) \(op.rawValue) \(right.typeName)")
        }
        switch op {
        case .equal: return order == 0
        case .notEqual: return order != 0
        case .less: return order < 0
        case .lessOrEqual: return order <= 0
        case .greater: return order > 0
        default: return order >= 0
        }
    }

    private func arithmetic(_ op: TickOperator, _ left: LambdaValue, _ right: LambdaValue) throws(LambdaError) -> LambdaValue {
        switch (left, right) {
        case (.int(let a), .int(let b)):
            switch op {
            case .plus: return .int(a &+ b)
            case .minus: return .int(a &- b)
            case .multiply: return .int(a &* b)
            case .divide, .modulo:
                guard b != 0 else { throw LambdaError("integer divide by zero") }
                return .int(op == .divide ? a.dividedWrapping(by: b) : a.remainderWrapping(dividingBy: b))
            default: break
            }
        case (.float(let a), .float(let b)):
            switch op {
            case .plus: return .float(a + b)
            case .minus: return .float(a - b)
            case .multiply: return .float(a * b)
            case .divide: return .float(a / b)
            default: break
            }
        case (.string(let a), .string(let b)) where op == .plus: return .string(a + b)
        case (.duration(let a), .duration(let b)):
            switch op {
            case .plus: return .duration(a &+ b)
            case .minus: return .duration(a &- b)
            case .divide:
                guard b != 0 else { throw LambdaError("duration divide by zero") }
                return .int(a.dividedWrapping(by: b))
            default: break
            }
        case (.duration(let a), .int(let b)), (.int(let b), .duration(let a)):
            if op == .multiply { return .duration(a &* b) }
            if op == .divide, case .duration = left, b != 0 { return .duration(a.dividedWrapping(by: b)) }
        case (.duration(let a), .float(let b)), (.float(let b), .duration(let a)):
            if op == .multiply { return .duration(Int64(goTruncating: Double(a) * b)) }
            if op == .divide, case .duration = left { return .duration(Int64(goTruncating: Double(a) / b)) }
        default: break
        }
        throw LambdaError(
            "mismatched type to binary operator. got \(left.typeName) \(op.rawValue) \(right.typeName). see bool(), int(), float(), string(), duration()"
        )
    }
}
