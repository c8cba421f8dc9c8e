import TICKscript

/// The type of a lambda expression where the script tells it; `unknown` is a field or tag read per point.
enum LambdaType: Equatable, CustomStringConvertible {
    case int, float, bool, string, duration, regex, time, unknown
    /// A value a lambda cannot hold (a node, a list); any operator on it is an error.
    case invalid(String)

    init(_ type: TickValueType) {
        switch type {
        case .int: self = .int
        case .float: self = .float
        case .bool: self = .bool
        case .string: self = .string
        case .duration: self = .duration
        case .regex: self = .regex
        default: self = .invalid(type.spoken)
        }
    }

    var description: String {
        switch self {
        case .invalid(let name): name
        case .unknown: "a field or tag"
        case .int: "int"
        case .float: "float"
        case .bool: "bool"
        case .string: "string"
        case .duration: "duration"
        case .regex: "regex"
        case .time: "time"
        }
    }

    var isNumeric: Bool { self == .int || self == .float }
}

struct LambdaTypeError: Error {
    let message: String
}

/// Which operand types each operator takes and what it gives (SPEC-kapacitor.md §1.4). An `unknown` operand passes:
/// it is checked per point when the task runs.
enum LambdaTypeRules {
    static func binary(_ op: TickOperator, _ left: LambdaType, _ right: LambdaType) throws(LambdaTypeError) -> LambdaType {
        if case .invalid = left { throw mismatch(op, left, right) }
        if case .invalid = right { throw mismatch(op, left, right) }
        switch op {
        case .and, .or:
            for side in [left, right] where side != .bool && side != .unknown {
                throw LambdaTypeError(message: "\(op.rawValue) needs bool operands, got \(side)")
            }
            return .bool
        case .regexMatch, .regexNotMatch:
            guard [.string, .unknown].contains(left) else {
                throw LambdaTypeError(message: "\(op.rawValue) needs a string on the left, got \(left)")
            }
            guard [.regex, .unknown].contains(right) else {
                let hint = right == .string ? " (write /pattern/, not 'pattern')" : ""
                throw LambdaTypeError(message: "\(op.rawValue) needs a regex on the right, got \(right)\(hint)")
            }
            return .bool
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            if left == .unknown || right == .unknown || left.isNumeric && right.isNumeric { return .bool }
            if left == right && [.string, .duration, .time].contains(left) { return .bool }
            if left == .bool && right == .bool && (op == .equal || op == .notEqual) { return .bool }
            throw mismatch(op, left, right)
        case .plus, .minus, .multiply, .divide, .modulo:
            return try arithmetic(op, left, right)
        case .not:
            throw mismatch(op, left, right)
        }
    }

    private static func arithmetic(_ op: TickOperator, _ left: LambdaType, _ right: LambdaType) throws(LambdaTypeError) -> LambdaType {
        if left == .unknown || right == .unknown { return .unknown }
        switch (left, right) {
        case (.int, .int): return .int
        case (.float, .float) where op != .modulo: return .float
        case (.string, .string) where op == .plus: return .string
        case (.duration, .duration) where op == .plus || op == .minus: return .duration
        case (.duration, .duration) where op == .divide: return .int
        case (.duration, .int), (.duration, .float): if op == .multiply || op == .divide { return .duration }
        case (.int, .duration), (.float, .duration): if op == .multiply { return .duration }
        default: break
        }
        throw mismatch(op, left, right)
    }

    private static func mismatch(_ op: TickOperator, _ left: LambdaType, _ right: LambdaType) -> LambdaTypeError {
        var message = "mismatched type to binary operator: \(left) \(op.rawValue) \(right)"
        if op == .modulo && left.isNumeric && right.isNumeric {
            message += "; % takes int operands only"
        } else if left.isNumeric && right.isNumeric {
            message += "; convert one side with float() or int(), or write 100.0 for a float"
        }
        return LambdaTypeError(message: message)
    }
}
