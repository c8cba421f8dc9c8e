import Foundation
import RE2Regex
import TimeSeries

/// A value inside a lambda: the five field types, durations, times, regexes, and `missing` (a reference to a field
/// or tag the data does not have, which only `isPresent` may look at).
enum LambdaValue: Sendable {
    case int(Int64)
    case float(Double)
    case bool(Bool)
    case string(String)
    /// Nanoseconds.
    case duration(Int64)
    /// Nanoseconds since the epoch.
    case time(Int64)
    case regex(LambdaRegex)
    case missing

    init(_ field: FieldValue) {
        switch field {
        case .float(let value): self = .float(value)
        case .integer(let value): self = .int(value)
        case .unsigned(let value): self = .int(Int64(truncatingIfNeeded: value))
        case .string(let value): self = .string(value)
        case .boolean(let value): self = .bool(value)
        }
    }

    /// The field a result becomes (`eval(…).as(…)`); durations become integers of nanoseconds, times their
    /// nanoseconds, as Kapacitor stores them.
    var fieldValue: FieldValue? {
        switch self {
        case .int(let value): .integer(value)
        case .float(let value): .float(value)
        case .bool(let value): .boolean(value)
        case .string(let value): .string(value)
        case .duration(let value), .time(let value): .integer(value)
        case .regex, .missing: nil
        }
    }

    /// The name Kapacitor's errors give the type.
    var typeName: String {
        switch self {
        case .int: "int"
        case .float: "float"
        case .bool: "boolean"
        case .string: "string"
        case .duration: "duration"
        case .time: "time"
        case .regex: "regex"
        case .missing: "missing"
        }
    }
}

/// A compiled regular expression in Go's syntax, matched by RE2 in linear time, as Kapacitor's are.
struct LambdaRegex: Sendable {
    let expression: RE2Regex
    var pattern: String { expression.pattern }

    init(_ pattern: String) throws(LambdaError) {
        do {
            expression = try RE2Regex(pattern)
        } catch {
            throw LambdaError("invalid regex /\(pattern)/: \(error)")
        }
    }

    func matches(_ text: String) -> Bool {
        expression.matches(text)
    }
}

/// Why a lambda could not be evaluated for one point; the node logs it and drops the point.
struct LambdaError: Error, Sendable, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
