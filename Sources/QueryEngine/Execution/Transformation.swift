import InfluxQL
import TimeSeries

/// InfluxQL's transformations over raw points: each output point comes from a point and the one before it, across
/// all series of a group merged in time order (as InfluxDB merges them before transforming).
struct Transformation: Equatable {
    enum Function: String {
        case derivative
        case nonNegativeDerivative = "non_negative_derivative"
        case difference
        case nonNegativeDifference = "non_negative_difference"

        var isDerivative: Bool { self == .derivative || self == .nonNegativeDerivative }
        var dropsNegatives: Bool { self == .nonNegativeDerivative || self == .nonNegativeDifference }
    }

    let function: Function
    let field: String
    /// The derivative's unit in nanoseconds: the result is the change per this much time (1s unless given).
    let unit: Int64

    init(_ function: Function, _ arguments: [Expression]) throws {
        let name = function.rawValue
        let maximumCount = function.isDerivative ? 2 : 1
        guard (1...maximumCount).contains(arguments.count) else {
            if maximumCount == 1 { throw QueryError("invalid number of arguments for \(name), expected 1, got \(arguments.count)") }
            throw QueryError("invalid number of arguments for \(name), expected at least 1 but no more than 2, got \(arguments.count)")
        }
        switch arguments[0] {
        case .variable(let variable): field = variable.name
        case .call: throw QueryError("\(name)() of an aggregate is not supported yet")
        default: throw QueryError("expected field argument in \(name)()")
        }
        self.function = function
        guard arguments.count == 2 else {
            unit = 1_000_000_000
            return
        }
        guard case .duration(let duration) = arguments[1], duration > 0 else {
            throw QueryError("second argument to \(name) must be a duration")
        }
        unit = duration
    }

    /// The output rows (time, value) for rows in output order; `ascending` is false for ORDER BY time DESC.
    func apply(to rows: [QueryExecutor.Row], ascending: Bool) -> [[ResultValue]] {
        var output: [[ResultValue]] = []
        var previous: (time: Int64, value: FieldValue)?
        for row in rows {
            guard let value = row.fields[field], Aggregation.number(value) != nil else { continue }
            let point = (time: row.time, value: value)
            // Points at the time of the previous one (another series of the group) do not advance the stream.
            if let last = previous, last.time == point.time { continue }
            defer { previous = point }
            guard let last = previous, let value = change(from: last, to: point, ascending: ascending) else { continue }
            output.append([.time(point.time), value])
        }
        return output
    }

    private func change(from last: (time: Int64, value: FieldValue), to point: (time: Int64, value: FieldValue), ascending: Bool)
        -> ResultValue?
    {
        if !function.isDerivative, case .integer(let before) = last.value, case .integer(let after) = point.value {
            let difference = after &- before
            return function.dropsNegatives && difference < 0 ? nil : .integer(difference)
        }
        let difference = Aggregation.number(point.value)! - Aggregation.number(last.value)!
        if function.dropsNegatives && difference < 0 { return nil }
        guard function.isDerivative else { return .float(difference) }
        let elapsed = Double(ascending ? point.time - last.time : last.time - point.time)
        return .float(difference / (elapsed / Double(unit)))
    }
}
