import InfluxQL
import Storage
import TimeSeries

/// count, sum, mean, min and max computed from chunks: TSM blocks that nothing else touches contribute their
/// index statistics without being decoded, so aggregating months of data reads only the index for most of it.
struct Accumulator {
    var count = 0
    var floatSum = 0.0
    var integerSum: Int64 = 0
    var isInteger = true
    var minimum: Double?
    var maximum: Double?
    var minimumValue: FieldValue?
    var maximumValue: FieldValue?

    mutating func add(_ value: FieldValue) {
        guard let number = Aggregation.number(value) else { return }
        count += 1
        switch value {
        case .integer(let integer): integerSum &+= integer
        default: isInteger = false
        }
        floatSum += number
        if minimum == nil || number < minimum! { (minimum, minimumValue) = (number, value) }
        if maximum == nil || number > maximum! { (maximum, maximumValue) = (number, value) }
    }

    /// The values at `positions` of a column; numbers are added without wrapping each in a `FieldValue`.
    mutating func add(_ column: FieldColumn, _ positions: Range<Int>) {
        switch column.values {
        case .floats(let floats):
            guard !positions.isEmpty else { return }
            isInteger = false
            count += positions.count
            for number in floats[positions] {
                floatSum += number
                if minimum == nil || number < minimum! { (minimum, minimumValue) = (number, .float(number)) }
                if maximum == nil || number > maximum! { (maximum, maximumValue) = (number, .float(number)) }
            }
        case .integers(let integers):
            count += positions.count
            for integer in integers[positions] {
                integerSum &+= integer
                let number = Double(integer)
                floatSum += number
                if minimum == nil || number < minimum! { (minimum, minimumValue) = (number, .integer(integer)) }
                if maximum == nil || number > maximum! { (maximum, maximumValue) = (number, .integer(integer)) }
            }
        default:
            for position in positions { add(column.value(at: position)) }
        }
    }

    mutating func add(_ block: BlockSummary) {
        guard let sum = block.sum, let low = block.minimum, let high = block.maximum else { return }
        count += block.count
        switch sum {
        case .integer(let integer): integerSum &+= integer
        default: isInteger = false
        }
        floatSum += Aggregation.number(sum) ?? 0
        if let number = Aggregation.number(low), minimum == nil || number < minimum! { (minimum, minimumValue) = (number, low) }
        if let number = Aggregation.number(high), maximum == nil || number > maximum! { (maximum, maximumValue) = (number, high) }
    }

    func result(_ function: String) -> ResultValue {
        if function == "count" { return .integer(Int64(count)) }
        guard count > 0 else { return .null }
        switch function {
        case "sum": return isInteger ? .integer(integerSum) : .float(floatSum)
        case "mean": return .float((isInteger ? Double(integerSum) : floatSum) / Double(count))
        case "min": return minimumValue.map(ResultValue.init) ?? .null
        case "max": return maximumValue.map(ResultValue.init) ?? .null
        default: return .null
        }
    }
}

extension QueryExecutor {
    static let blockFunctions: Set<String> = ["count", "sum", "mean", "min", "max"]

    /// Whether `plan` can be answered from chunk statistics: only count/sum/mean/min/max of numeric fields, no
    /// condition on fields, and not a lone min/max over the whole range (whose row time is the selected point's).
    static func canUseBlockStatistics(_ plan: SelectPlan, fieldTypes: [String: FieldType], timeDimension: Bool, predicateNeedsFields: Bool)
        -> Bool
    {
        guard !predicateNeedsFields, plan.isAggregate else { return false }
        let aggregates = plan.columns.compactMap { column -> (String, String)? in
            if case .aggregate(let function, let field, _) = column { return (function, field) }
            return nil
        }
        guard aggregates.count == plan.columns.count,
            aggregates.allSatisfy({ blockFunctions.contains($0.0) && [.float, .integer].contains(fieldTypes[$0.1]) })
        else { return false }
        if !timeDimension && aggregates.count == 1 && SelectPlan.selectors.contains(aggregates[0].0) { return false }
        return true
    }

    /// Per bucket start (or one bucket keyed 0 without GROUP BY time), per column, the accumulated statistics.
    func accumulate(
        _ group: SeriesGroup,
        plan: SelectPlan,
        database: String,
        policy: String?,
        range: ClosedRange<Int64>,
        bucket: (Int64) -> Int64
    ) throws -> [Int64: [Accumulator]] {
        var buckets: [Int64: [Accumulator]] = [:]
        let empty = [Accumulator](repeating: Accumulator(), count: plan.columns.count)
        for (index, column) in plan.columns.enumerated() {
            guard case .aggregate(_, let field, _) = column else { continue }
            for series in group.series {
                // A block that straddles two buckets is decoded by the same read rather than summarised.
                for chunk in try engine.readChunks(
                    database: database, retentionPolicy: policy, seriesKey: series.key, field: field, in: range,
                    summarizable: { bucket($0.lowerBound) == bucket($0.upperBound) })
                {
                    switch chunk {
                    case .block(let summary): buckets[bucket(summary.minTime), default: empty][index].add(summary)
                    case .values(let values): Self.accumulate(values, column: index, into: &buckets, empty: empty, bucket: bucket)
                    }
                }
            }
        }
        return buckets
    }
}

extension QueryExecutor {
    /// Adds decoded values to their buckets, one run of values per bucket (times are sorted), so the dictionary is
    /// looked up once per run rather than once per value.
    private static func accumulate(
        _ values: FieldColumn,
        column: Int,
        into buckets: inout [Int64: [Accumulator]],
        empty: [Accumulator],
        bucket: (Int64) -> Int64
    ) {
        let times = values.times
        var start = 0
        while start < times.count {
            let key = bucket(times[start])
            var end = start + 1
            while end < times.count && bucket(times[end]) == key { end += 1 }
            buckets[key, default: empty][column].add(values, start..<end)
            start = end
        }
    }
}
