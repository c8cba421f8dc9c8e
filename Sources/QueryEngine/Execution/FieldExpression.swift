import Foundation
import InfluxQL
import TimeSeries

/// A SELECT field computed from other columns of the row: arithmetic, bitwise operators and math functions over
/// raw fields or aggregates (`mean(v) * 100`, `abs(n)`, `(a + b) / 2`), with InfluxDB 1.x's typing rules.
indirect enum FieldExpression: Equatable {
    case column(Int)
    case constant(ResultValue)
    case binary(BinaryOperator, FieldExpression, FieldExpression)
    case math(MathFunction, [FieldExpression])
    /// `v::integer` and the other numeric casts (`SelectPlan+Casts`).
    case converted(FieldExpression, FieldType)

    /// `cells` is a row without its time: one value per plan column.
    func evaluate(_ cells: ArraySlice<ResultValue>) -> ResultValue {
        switch self {
        case .column(let index): return cells[cells.startIndex + index]
        case .constant(let value): return value
        case .binary(let op, let left, let right): return Self.apply(op, left.evaluate(cells), right.evaluate(cells))
        case .math(let function, let arguments): return function.apply(arguments.map { $0.evaluate(cells) })
        case .converted(let inner, let type): return Self.convert(inner.evaluate(cells), to: type)
        }
    }

    /// Integers stay integers for `+ - * %` and bitwise operators; `/` always divides as floats; anything with a
    /// float is a float. Division by zero and integer modulo by zero give 0, as InfluxDB answers; a float modulo
    /// by zero is null.
    static func apply(_ op: BinaryOperator, _ left: ResultValue, _ right: ResultValue) -> ResultValue {
        switch (left, right) {
        case (.boolean, .null): return apply(op, left, .boolean(false))  // InfluxDB reads a missing boolean as false
        case (.null, .boolean): return apply(op, .boolean(false), right)
        case (.integer(let a), .integer(let b)):
            switch op {
            case .add: return .integer(a &+ b)
            case .subtract: return .integer(a &- b)
            case .multiply: return .integer(a &* b)
            case .divide: return .float(b == 0 ? 0 : Double(a) / Double(b))
            case .modulo: return .integer(b == 0 ? 0 : a.remainderWrapping(dividingBy: b))
            case .bitwiseAnd: return .integer(a & b)
            case .bitwiseOr: return .integer(a | b)
            case .bitwiseXor: return .integer(a ^ b)
            default: return .null
            }
        case (.boolean(let a), .boolean(let b)):
            switch op {
            case .bitwiseAnd: return .boolean(a && b)
            case .bitwiseOr: return .boolean(a || b)
            case .bitwiseXor: return .boolean(a != b)
            default: return .null
            }
        default:
            guard let a = number(left), let b = number(right) else { return .null }
            switch op {
            case .add: return finite(a + b)
            case .subtract: return finite(a - b)
            case .multiply: return finite(a * b)
            case .divide: return b == 0 ? .float(0) : finite(a / b)
            case .modulo: return finite(fmod(a, b))
            default: return .null
            }
        }
    }

    static func number(_ value: ResultValue) -> Double? {
        switch value {
        case .float(let number): number
        case .integer(let number): Double(number)
        case .unsigned(let number): Double(number)
        default: nil
        }
    }

    /// JSON has no NaN or infinity: such results are null (InfluxDB 1.6 fails the whole response instead).
    static func finite(_ value: Double) -> ResultValue {
        value.isFinite ? .float(value) : .null
    }
}

/// InfluxQL's math functions.
enum MathFunction: String, CaseIterable {
    case abs, sin, cos, tan, asin, acos, atan, atan2, exp, ln, log, log2, log10, sqrt, pow, ceil, floor, round

    var argumentCount: Int {
        switch self {
        case .atan2, .log, .pow: 2
        default: 1
        }
    }

    func apply(_ arguments: [ResultValue]) -> ResultValue {
        if case .integer(let value) = arguments[0], arguments.count == 1 {
            switch self {
            case .abs: return .integer(value == .min ? value : Swift.abs(value))
            case .ceil, .floor, .round: return .integer(value)
            default: break
            }
        }
        let numbers = arguments.compactMap(FieldExpression.number)
        guard numbers.count == arguments.count else { return .null }
        let x = numbers[0]
        let result: Double =
            switch self {
            case .abs: Swift.abs(x)
            case .sin: Foundation.sin(x)
            case .cos: Foundation.cos(x)
            case .tan: Foundation.tan(x)
            case .asin: Foundation.asin(x)
            case .acos: Foundation.acos(x)
            case .atan: Foundation.atan(x)
            case .atan2: Foundation.atan2(x, numbers[1])
            case .exp: Foundation.exp(x)
            case .ln: Foundation.log(x)
            case .log: Foundation.log(x) / Foundation.log(numbers[1])
            case .log2: Foundation.log2(x)
            case .log10: Foundation.log10(x)
            case .sqrt: x.squareRoot()
            case .pow: Foundation.pow(x, numbers[1])
            case .ceil: x.rounded(.up)
            case .floor: x.rounded(.down)
            case .round: x.rounded(.toNearestOrAwayFromZero)
            }
        return FieldExpression.finite(result)
    }
}
