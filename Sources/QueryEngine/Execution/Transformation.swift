import InfluxQL
import TimeSeries

/// InfluxQL's transformations over raw points: each output point comes from a point and those before it, across
/// all series of a group merged in time order (as InfluxDB merges them before transforming).
struct Transformation: Equatable {
    enum Function: Equatable {
        case derivative, nonNegativeDerivative, difference, nonNegativeDifference, cumulativeSum, elapsed, movingAverage
        case holtWinters, holtWintersWithFit
        /// The technical-analysis functions (`exponential_moving_average` …), which name themselves.
        case indicator(TechnicalIndicator.Kind)

        private static let names: [(String, Function)] = [
            ("derivative", .derivative), ("non_negative_derivative", .nonNegativeDerivative), ("difference", .difference),
            ("non_negative_difference", .nonNegativeDifference), ("cumulative_sum", .cumulativeSum), ("elapsed", .elapsed),
            ("moving_average", .movingAverage), ("holt_winters", .holtWinters), ("holt_winters_with_fit", .holtWintersWithFit),
        ]

        /// The function InfluxQL calls `name`, if it is a transformation.
        init?(name: String) {
            if let kind = TechnicalIndicator.Kind(rawValue: name) {
                self = .indicator(kind)
            } else if let function = Self.names.first(where: { $0.0 == name })?.1 {
                self = function
            } else {
                return nil
            }
        }

        /// Its InfluxQL name.
        var name: String {
            if case .indicator(let kind) = self { return kind.rawValue }
            return Self.names.first { $0.1 == self }!.0
        }

        var isDerivative: Bool { self == .derivative || self == .nonNegativeDerivative }
        var dropsNegatives: Bool { self == .nonNegativeDerivative || self == .nonNegativeDifference }
        /// The optional second argument's default: the unit of derivatives (1s) and of elapsed (1ns).
        var defaultUnit: Int64 { self == .elapsed ? 1 : 1_000_000_000 }
    }

    let function: Function
    let field: String
    /// The aggregate the transformation runs over, one value per GROUP BY time bucket (`derivative(mean(v))`);
    /// nil over raw points.
    private(set) var aggregate: String?
    /// The GROUP BY interval, for transformations of aggregates.
    private(set) var groupInterval: Int64 = 0
    /// Whether the query gave a unit; a derivative of an aggregate without one uses the GROUP BY interval.
    private(set) var hasExplicitUnit = false
    /// Derivatives: the result is the change per this many nanoseconds; elapsed: the unit it counts in.
    private(set) var unit: Int64
    /// moving_average's window, in points.
    private(set) var window = 0
    /// The technical-analysis functions' arguments and algorithm.
    private(set) var indicator: TechnicalIndicator?
    /// holt_winters' forecast.
    private(set) var holtWinters: HoltWinters?

    init(_ function: Function, _ arguments: [Expression]) throws {
        let name = function.name
        self.function = function
        unit = function.defaultUnit
        if case .indicator(let kind) = function {
            indicator = try TechnicalIndicator(kind, arguments)
        } else if function == .holtWinters || function == .holtWintersWithFit {
            holtWinters = try HoltWinters(function == .holtWintersWithFit, arguments)
        } else {
            try Self.checkCount(function, arguments.count)
        }
        if holtWinters != nil, case .call = arguments[0] {
        } else if holtWinters != nil {
            throw QueryError("must use aggregate function with \(name)")
        }
        switch arguments[0] {
        case .variable(let variable): field = variable.name
        case .call(let inner, let innerArguments) where Self.aggregatesSupported.contains(inner) && innerArguments.count == 1:
            guard case .variable(let variable) = innerArguments[0] else { throw QueryError("expected field argument in \(inner)()") }
            field = variable.name
            aggregate = inner
        case .call(let inner, _): throw QueryError("\(name)() of \(inner)() is not supported yet")
        default: throw QueryError("expected field argument in \(name)()")
        }
        guard arguments.count == 2, indicator == nil, holtWinters == nil else { return }
        if function == .movingAverage {
            guard case .integer(let count) = arguments[1] else { throw QueryError("second argument for moving_average must be an integer") }
            guard count > 1 else { throw QueryError("moving_average window must be greater than 1, got \(count)") }
            window = Int(count)
            return
        }
        guard case .duration(let duration) = arguments[1], duration > 0 else {
            throw QueryError("second argument to \(name) must be a duration")
        }
        unit = duration
        hasExplicitUnit = true
    }

    /// Aggregates of one field argument that a transformation can take.
    private static let aggregatesSupported: Set<String> = [
        "count", "sum", "mean", "median", "mode", "spread", "stddev", "min", "max", "first", "last",
    ]

    /// A derivative of an aggregate counts change per GROUP BY interval unless the query names a unit; holt_winters
    /// forecasts whole intervals.
    mutating func useGroupInterval(_ interval: Int64) {
        groupInterval = interval
        if aggregate != nil && function.isDerivative && !hasExplicitUnit { unit = interval }
    }

    /// How many GROUP BY intervals before the range InfluxDB aggregates for a transformation of an aggregate: one,
    /// so the range's first bucket has one before it, for all but running sums and forecasts. (InfluxDB also widens
    /// the range by the window of averages and indicators, but only after it has made the aggregate's iterator, so
    /// the aggregate never reads that far.)
    var extraIntervals: Int {
        switch function {
        case .cumulativeSum, .holtWinters, .holtWintersWithFit: 0
        default: 1
        }
    }

    private static func checkCount(_ function: Function, _ count: Int) throws {
        let name = function.name
        switch function {
        case .difference, .nonNegativeDifference, .cumulativeSum:
            if count != 1 { throw QueryError("invalid number of arguments for \(name), expected 1, got \(count)") }
        case .movingAverage:
            if count != 2 { throw QueryError("invalid number of arguments for \(name), expected 2, got \(count)") }
        case .derivative, .nonNegativeDerivative, .elapsed:
            if !(1...2).contains(count) {
                throw QueryError("invalid number of arguments for \(name), expected at least 1 but no more than 2, got \(count)")
            }
        default: break  // checked by TechnicalIndicator and HoltWinters
        }
    }

    /// The output rows (time, value) for rows in output order; `ascending` is false for ORDER BY time DESC.
    func apply(to rows: [QueryExecutor.Row], ascending: Bool) throws -> [[ResultValue]] {
        try apply(to: rows.compactMap { row in row.fields[field].map { (row.time, $0) } }, ascending: ascending)
    }

    /// The same over (time, value) points, such as the rows of the aggregate it runs over.
    func apply(to allPoints: [(time: Int64, value: FieldValue)], ascending: Bool) throws -> [[ResultValue]] {
        let points = allPoints.filter { function == .elapsed || Aggregation.number($0.value) != nil }
        if let indicator {
            return indicator.apply(to: points.map { ($0.time, Aggregation.number($0.value)!) }).map { [.time($0.time), .float($0.value)] }
        }
        if let holtWinters {
            let values = points.map { ($0.time, Aggregation.number($0.value)!) }
            return try holtWinters.forecast(values, interval: groupInterval).map { [.time($0.time), .float($0.value)] }
        }
        switch function {
        case .cumulativeSum: return cumulativeSum(points)
        case .elapsed: return elapsed(points)
        case .movingAverage: return movingAverage(points)
        default: return changes(points, ascending: ascending)
        }
    }

    private func changes(_ points: [(time: Int64, value: FieldValue)], ascending: Bool) -> [[ResultValue]] {
        var output: [[ResultValue]] = []
        var previous: (time: Int64, value: FieldValue)?
        for point in points {
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
        let elapsed = Double(ascending ? point.time &- last.time : last.time &- point.time)
        return .float(difference / (elapsed / Double(unit)))
    }

    /// Integers sum as integers (wrapping as Go does), anything else as floats.
    private func cumulativeSum(_ points: [(time: Int64, value: FieldValue)]) -> [[ResultValue]] {
        var integerSum: Int64 = 0
        var floatSum = 0.0
        return points.map { point in
            if case .integer(let value) = point.value {
                integerSum &+= value
                return [.time(point.time), .integer(integerSum)]
            }
            floatSum += Aggregation.number(point.value)!
            return [.time(point.time), .float(floatSum)]
        }
    }

    /// The time since the previous point, in whole units.
    private func elapsed(_ points: [(time: Int64, value: FieldValue)]) -> [[ResultValue]] {
        zip(points, points.dropFirst()).map { previous, point in [.time(point.time), .integer((point.time &- previous.time) / unit)] }
    }

    /// The mean of the last `window` points, kept as a running sum the way InfluxDB's reducer keeps it, so the
    /// floating-point results agree to the last bit.
    private func movingAverage(_ points: [(time: Int64, value: FieldValue)]) -> [[ResultValue]] {
        var buffer: [Double] = []
        // The window comes from the query (`moving_average(v, 9223372036854775807)`): never reserve more than the points.
        buffer.reserveCapacity(min(window, points.count))
        var position = 0
        var sum = 0.0
        var output: [[ResultValue]] = []
        for point in points {
            let value = Aggregation.number(point.value)!
            if buffer.count < window {
                buffer.append(value)
            } else {
                sum -= buffer[position]
                buffer[position] = value
            }
            sum += value
            position = (position + 1) % window
            if buffer.count == window { output.append([.time(point.time), .float(sum / Double(window))]) }
        }
        return output
    }
}
