import Foundation
import TimeSeries

/// `bool()`, `int()`, `float()`, `string()`, `duration()` and `humanBytes()` with Kapacitor's rules.
enum LambdaConversions {
    static func convert(_ name: String, _ arguments: [LambdaValue]) throws(LambdaError) -> LambdaValue {
        guard let value = arguments.first else { throw LambdaFunctionTable.argumentError(name, arguments, "one argument") }
        switch (name, value) {
        case ("bool", .bool): return value
        case ("bool", .int(let number)) where number == 0 || number == 1: return .bool(number == 1)
        case ("bool", .float(let number)) where number == 0 || number == 1: return .bool(number == 1)
        case ("bool", .string(let text)):
            switch text.lowercased() {
            case "1", "t", "true": return .bool(true)
            case "0", "f", "false": return .bool(false)
            default: throw LambdaError("cannot convert string \"\(text)\" to bool")
            }
        case ("int", .int): return value
        case ("int", .float(let number)) where number.isFinite: return .int(Int64(goTruncating: number))
        case ("int", .bool(let flag)): return .int(flag ? 1 : 0)
        case ("int", .duration(let nanoseconds)): return .int(nanoseconds)
        case ("int", .string(let text)):
            guard let number = Int64(text) else { throw LambdaError("cannot convert string \"\(text)\" to int") }
            return .int(number)
        case ("float", .float): return value
        case ("float", .int(let number)): return .float(Double(number))
        case ("float", .bool(let flag)): return .float(flag ? 1 : 0)
        case ("float", .string(let text)):
            guard let number = Double(text) else { throw LambdaError("cannot convert string \"\(text)\" to float") }
            return .float(number)
        case ("string", .string): return value
        case ("string", .int(let number)): return .string(String(number))
        case ("string", .float(let number)): return .string(fixedPoint(number))
        case ("string", .bool(let flag)): return .string(flag ? "true" : "false")
        case ("string", .duration(let nanoseconds)): return .string(influxDuration(nanoseconds))
        case ("duration", _): return try duration(arguments)
        default: throw LambdaError("cannot convert \(value.typeName) to \(name)")
        }
    }

    /// Go's `strconv.FormatFloat(f, 'f', -1, 64)`: the shortest digits, never an exponent.
    static func fixedPoint(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-Inf" : "+Inf") }
        let decimal = Decimal(string: "\(value)") ?? Decimal(value)
        var text = "\(decimal)"
        if text.contains("."), !text.contains("e") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// InfluxQL's duration form: the largest unit that divides the value (`10s`, `90m`, `1500ms`).
    static func influxDuration(_ nanoseconds: Int64) -> String {
        if nanoseconds == 0 { return "0s" }
        let units: [(Int64, String)] = [
            (604_800_000_000_000, "w"), (86_400_000_000_000, "d"), (3_600_000_000_000, "h"), (60_000_000_000, "m"),
            (1_000_000_000, "s"), (1_000_000, "ms"), (1000, "u"),
        ]
        for (size, suffix) in units where nanoseconds % size == 0 { return "\(nanoseconds / size)\(suffix)" }
        return "\(nanoseconds)ns"
    }

    private static func duration(_ arguments: [LambdaValue]) throws(LambdaError) -> LambdaValue {
        let unit: Int64
        if arguments.count == 2 {
            guard case .duration(let given) = arguments[1] else {
                throw LambdaFunctionTable.argumentError("duration", arguments, "value, duration")
            }
            unit = given
        } else {
            unit = 1
        }
        switch arguments[0] {
        case .duration: return arguments[0]
        case .int(let number): return .duration(number &* unit)
        case .float(let number): return .duration(Int64(goTruncating: number * Double(unit)))
        case .string(let text):
            guard let parsed = parseDuration(text) else { throw LambdaError("invalid duration string \"\(text)\"") }
            return .duration(parsed)
        default: throw LambdaFunctionTable.argumentError("duration", arguments, "duration, int, float or string")
        }
    }

    /// `5m`, `1h30m`, `250ms`, `10u`/`10µs`.
    static func parseDuration(_ text: String) -> Int64? {
        let units: [String: Int64] = [
            "ns": 1, "u": 1000, "µ": 1000, "µs": 1000, "us": 1000, "ms": 1_000_000, "s": 1_000_000_000, "m": 60_000_000_000,
            "h": 3_600_000_000_000, "d": 86_400_000_000_000, "w": 604_800_000_000_000,
        ]
        var total: Int64 = 0
        var rest = Substring(text)
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isNumber }
            guard let number = Int64(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            let unitText = rest.prefix { !$0.isNumber }
            guard let unit = units[String(unitText)] else { return nil }
            rest = rest.dropFirst(unitText.count)
            // Too large for a duration is invalid, as Go's duration parser says.
            guard let part = number.multipliedChecked(by: unit), let sum = total.addingChecked(part) else { return nil }
            total = sum
        }
        return total
    }

    /// `humanBytes(1000000)` = `"1.0 MB"` (SI units, one decimal).
    static func humanBytes(_ arguments: [LambdaValue]) throws(LambdaError) -> LambdaValue {
        let bytes: Double
        switch arguments.first {
        case .int(let number)?: bytes = Double(number)
        case .float(let number)?: bytes = number
        default: throw LambdaFunctionTable.argumentError("humanBytes", arguments, "int or float")
        }
        guard bytes >= 1000 else { return .string("\(Int64(goTruncating: bytes)) B") }
        var value = bytes
        var exponent = 0
        while value >= 1000 && exponent < 6 {
            value /= 1000
            exponent += 1
        }
        let prefixes = ["", "k", "M", "G", "T", "P", "E"]
        return .string(String(format: "%.1f %@B", value, prefixes[exponent]))
    }
}
