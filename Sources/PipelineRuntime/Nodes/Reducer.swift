import PipelineSpec
import TimeSeries

/// What an InfluxQL function computes over a batch's values of one field, with Kapacitor's types: count is an int
/// and gives 0 for an empty batch, sum keeps the input type (0 when empty), mean/median/stddev are floats,
/// mode/spread keep the type, selectors pick a point.
enum Reducer {
    case count, sum, mean, median, stddev, mode, spread
    case first, last, min, max
    case percentile(Double)

    enum Result {
        case none
        case value(FieldValue)
        /// The index of the selected point and the value to output.
        case selected(Int, FieldValue)
    }

    init?(method: String, arguments: [TickValue]) {
        switch method {
        case "count": self = .count
        case "sum": self = .sum
        case "mean": self = .mean
        case "median": self = .median
        case "stddev": self = .stddev
        case "mode": self = .mode
        case "spread": self = .spread
        case "first": self = .first
        case "last": self = .last
        case "min": self = .min
        case "max": self = .max
        case "percentile":
            switch arguments.dropFirst().first {
            case .float(let rank)?: self = .percentile(rank)
            case .int(let rank)?: self = .percentile(Double(rank))
            default: return nil
            }
        default: return nil
        }
    }

    func reduce(_ values: [(value: FieldValue, index: Int)]) throws(NodeError) -> Result {
        switch self {
        case .count: return .value(.integer(Int64(values.count)))
        case .first: return values.first.map { .selected($0.index, $0.value) } ?? .none
        case .last: return values.last.map { .selected($0.index, $0.value) } ?? .none
        default: break
        }
        if values.isEmpty {
            return if case .sum = self { .value(.integer(0)) } else { .none }
        }
        let isInteger = if case .integer = values[0].value { true } else { false }
        var numbers: [Double] = []
        numbers.reserveCapacity(values.count)
        for entry in values {
            guard let number = entry.value.numericValue else { throw NodeError("unsupported type \(entry.value.type) for \(self)") }
            numbers.append(number)
        }
        func typed(_ number: Double) -> FieldValue { isInteger ? .integer(Int64(goTruncating: number)) : .float(number) }
        switch self {
        case .sum:
            if isInteger { return .value(.integer(values.reduce(0) { if case .integer(let n) = $1.value { $0 &+ n } else { $0 } })) }
            return .value(.float(numbers.reduce(0, +)))
        case .mean: return .value(.float(numbers.reduce(0, +) / Double(numbers.count)))
        case .median:
            let sorted = numbers.sorted()
            let middle = sorted.count / 2
            return .value(.float(sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2))
        case .stddev:
            guard numbers.count > 1 else { return .value(.float(0)) }
            let mean = numbers.reduce(0, +) / Double(numbers.count)
            let squares = numbers.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            return .value(.float((squares / Double(numbers.count - 1)).squareRoot()))
        case .spread: return .value(typed(numbers.max()! - numbers.min()!))
        case .mode:
            var counts: [Double: Int] = [:]
            for number in numbers { counts[number, default: 0] += 1 }
            let best = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }!
            return .value(typed(best.key))
        case .min, .max:
            var chosen = 0
            for index in numbers.indices.dropFirst() {
                if case .min = self, numbers[index] < numbers[chosen] { chosen = index }
                if case .max = self, numbers[index] > numbers[chosen] { chosen = index }
            }
            return .selected(values[chosen].index, values[chosen].value)
        case .percentile(let rank):
            let order = numbers.indices.sorted { numbers[$0] < numbers[$1] }
            // The rank comes from the script: a NaN or a huge one selects nothing instead of trapping.
            guard let nearest = Int(exactly: (Double(order.count) * rank / 100).rounded()) else { return .none }
            let position = nearest - 1
            guard position >= 0, position < order.count else { return .none }
            let chosen = order[position]
            return .selected(values[chosen].index, values[chosen].value)
        default: return .none
        }
    }
}
