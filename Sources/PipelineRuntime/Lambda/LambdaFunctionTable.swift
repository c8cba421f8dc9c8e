import Foundation
import RE2Regex
import TimeSeries

/// The built-in lambda functions (SPEC-kapacitor.md §1.5) as they run: conversions, math, strings, time,
/// `if`, `humanBytes`, and the stateful `sigma`, `count` and `spread`.
enum LambdaFunctionTable {
    static func isKnown(_ name: String) -> Bool {
        math1[name] != nil || math2[name] != nil || strings.contains(name) || timeParts.contains(name)
            || ["bool", "int", "float", "string", "duration", "if", "now", "unixNano", "humanBytes", "regexReplace", "pow10"].contains(name)
    }

    static func call(_ name: String, _ arguments: [LambdaValue], now: Int64) throws(LambdaError) -> LambdaValue {
        if let function = math1[name] {
            guard arguments.count == 1, case .float(let x) = arguments[0] else { throw argumentError(name, arguments, "float") }
            return .float(function(x))
        }
        if let function = math2[name] {
            guard arguments.count == 2, case .float(let x) = arguments[0], case .float(let y) = arguments[1] else {
                throw argumentError(name, arguments, "float, float")
            }
            return .float(function(x, y))
        }
        if strings.contains(name) { return try LambdaStringFunctions.call(name, arguments) }
        if timeParts.contains(name) { return try timePart(name, arguments) }
        switch name {
        case "bool", "int", "float", "string", "duration": return try LambdaConversions.convert(name, arguments)
        case "if":
            guard arguments.count == 3, case .bool(let condition) = arguments[0] else { throw argumentError(name, arguments, "bool, a, b") }
            return condition ? arguments[1] : arguments[2]
        case "now": return .time(Int64(Date().timeIntervalSince1970 * 1e9))
        case "unixNano":
            guard arguments.count == 1, case .time(let time) = arguments[0] else { throw argumentError(name, arguments, "time") }
            return .int(time)
        case "pow10":
            guard arguments.count == 1, case .int(let exponent) = arguments[0] else { throw argumentError(name, arguments, "int") }
            return .float(pow(10, Double(exponent)))
        case "humanBytes": return try LambdaConversions.humanBytes(arguments)
        case "regexReplace":
            guard arguments.count == 3, case .regex(let regex) = arguments[0], case .string(let source) = arguments[1],
                case .string(let template) = arguments[2]
            else { throw argumentError(name, arguments, "regex, string, string") }
            return .string(regex.expression.replacingAll(in: source, with: template))
        default: throw LambdaError("undefined function \(name)")
        }
    }

    static func callStateful(_ name: String, _ arguments: [LambdaValue], slot: inout LambdaState.Slot) throws(LambdaError) -> LambdaValue {
        if name == "count" {
            slot.count += 1
            return .int(slot.count)
        }
        guard arguments.count == 1, case .float(let x) = arguments[0] else { throw argumentError(name, arguments, "float") }
        if name == "spread" {
            slot.minimum = min(slot.minimum, x)
            slot.maximum = max(slot.maximum, x)
            return .float(slot.maximum - slot.minimum)
        }
        // sigma: Welford's running mean and variance (population), then |x - mean| / stddev.
        slot.count += 1
        let delta = x - slot.mean
        slot.mean += delta / Double(slot.count)
        slot.squares += delta * (x - slot.mean)
        guard slot.count >= 2 else { return .float(0) }
        let deviation = (slot.squares / Double(slot.count)).squareRoot()
        return .float(deviation == 0 ? 0 : abs(x - slot.mean) / deviation)
    }

    static func argumentError(_ name: String, _ arguments: [LambdaValue], _ expected: String) -> LambdaError {
        LambdaError("\(name)(\(arguments.map(\.typeName).joined(separator: ", "))): expected \(expected)")
    }

    private static let timeParts: Set<String> = ["minute", "hour", "weekday", "day", "month", "year"]

    /// Parts of a time in the server's local zone, as Kapacitor reads them.
    private static func timePart(_ name: String, _ arguments: [LambdaValue]) throws(LambdaError) -> LambdaValue {
        guard arguments.count == 1, case .time(let time) = arguments[0] else { throw argumentError(name, arguments, "time") }
        let offset = TimeZone.current.secondsFromGMT(for: Date(timeIntervalSince1970: Double(time) / 1e9))
        let parts = GoTime.Parts(time.addingSaturated(Int64(offset) * 1_000_000_000))
        switch name {
        case "minute": return .int(parts.minute)
        case "hour": return .int(parts.hour)
        case "weekday": return .int(parts.weekday)
        case "day": return .int(parts.day)
        case "month": return .int(parts.month)
        default: return .int(parts.year)
        }
    }

    private static let strings: Set<String> = [
        "strContains", "strContainsAny", "strHasPrefix", "strHasSuffix", "strCount", "strIndex", "strIndexAny", "strLastIndex",
        "strLastIndexAny", "strLength", "strReplace", "strSubstring", "strToLower", "strToUpper", "strTrimSpace", "strTrim",
        "strTrimLeft", "strTrimRight", "strTrimPrefix", "strTrimSuffix",
    ]

    private static let math1: [String: @Sendable (Double) -> Double] = [
        "abs": { abs($0) }, "acos": acos, "acosh": acosh, "asin": asin, "asinh": asinh, "atan": atan, "atanh": atanh,
        "cbrt": cbrt, "ceil": { $0.rounded(.up) }, "cos": cos, "cosh": cosh, "erf": erf, "erfc": erfc, "exp": exp,
        "exp2": exp2, "expm1": expm1, "floor": { $0.rounded(.down) }, "gamma": tgamma, "j0": j0, "j1": j1, "log": log,
        "log10": log10, "log1p": log1p, "log2": log2, "logb": logb, "sin": sin, "sinh": sinh, "sqrt": { $0.squareRoot() },
        "tan": tan, "tanh": tanh, "trunc": { $0.rounded(.towardZero) }, "y0": y0, "y1": y1,
    ]

    private static let math2: [String: @Sendable (Double, Double) -> Double] = [
        "atan2": atan2, "hypot": hypot, "max": { Swift.max($0, $1) }, "min": { Swift.min($0, $1) }, "mod": fmod, "pow": pow,
    ]
}
