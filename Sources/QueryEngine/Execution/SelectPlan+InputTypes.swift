import TimeSeries

/// Functions over numbers given a string or boolean field fail as InfluxDB's iterator builders fail: the statement's
/// error names the function and the Go type of the input iterator (`unsupported mean iterator type:
/// *query.stringInterruptIterator`), where an unknown field would simply answer nothing.
extension SelectPlan {
    func checkInputTypes() throws {
        for column in columns {
            let function: String
            let field: String
            switch column {
            case .aggregate(let name, let input, _):
                (function, field) = (name, input)
            case .top(let isTop, let name, _, _):
                (function, field) = (isTop ? "top" : "bottom", name)
            case .transformation(let transformation):
                // Over an aggregate of strings (`derivative(mean(s))`) InfluxDB answers nothing, without an error.
                guard transformation.aggregate == nil else { continue }
                (function, field) = (Self.iteratorName(transformation.function), transformation.field)
            case .raw, .uncastable, .sample:
                continue
            }
            guard let type = fieldTypes[field], type == .string || (type == .boolean && !Self.takeBooleans.contains(function)),
                Self.numericOnly.contains(function) || Self.takeBooleans.contains(function)
            else { continue }
            throw QueryError("unsupported \(function) iterator type: *query.\(type)InterruptIterator")
        }
    }

    private static let numericOnly = Set([
        "sum", "mean", "median", "stddev", "spread", "percentile", "integral", "top", "bottom", "derivative", "difference",
        "moving average", "cumulative sum",
    ]).union(TechnicalIndicator.Kind.allCases.map(\.iteratorName))
    /// min() and max() take booleans too (true is the greater).
    private static let takeBooleans: Set<String> = ["min", "max"]

    /// The name InfluxDB's transformation iterators give themselves in this error.
    private static func iteratorName(_ function: Transformation.Function) -> String {
        switch function {
        case .derivative, .nonNegativeDerivative: "derivative"
        case .difference, .nonNegativeDifference: "difference"
        case .cumulativeSum: "cumulative sum"
        case .movingAverage: "moving average"
        case .elapsed: "elapsed"
        case .indicator(let kind): kind.iteratorName
        case .holtWinters, .holtWintersWithFit: function.name
        }
    }
}
