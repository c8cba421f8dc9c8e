import Storage
import TimeSeries

/// A lone `min(field)` or `max(field)` over the whole range, whose row carries the selected point's time: block
/// statistics find the extreme value, and only blocks that hold it are decoded to find where it first occurs.
extension QueryExecutor {
    /// nil when the query is not such a selector over a numeric field with no condition on fields.
    static func extremum(_ plan: SelectPlan, fieldTypes: [String: FieldType], timeDimension: Bool, predicateNeedsFields: Bool) -> (
        isMinimum: Bool, field: String
    )? {
        guard !timeDimension, !predicateNeedsFields, plan.columns.count == 1,
            case .aggregate(let function, let field, _) = plan.columns[0], function == "min" || function == "max",
            [.float, .integer].contains(fieldTypes[field])
        else { return nil }
        return (function == "min", field)
    }

    func extremumFromBlocks(_ read: GroupRead, isMinimum: Bool, field: String) throws -> [[ResultValue]] {
        let range = read.condition.timeRange
        func better(_ a: Double, than b: Double) -> Bool { isMinimum ? a < b : a > b }
        var chunks: [(series: Int, chunk: CursorChunk)] = []
        var best: Double?
        for (index, series) in read.group.series.enumerated() {
            for chunk in try engine.readChunks(
                database: read.database, retentionPolicy: read.policy, seriesKey: series.key, field: field, in: range)
            {
                chunks.append((index, chunk))
                let candidate: Double? =
                    switch chunk {
                    case .block(let summary): (isMinimum ? summary.minimum : summary.maximum).flatMap(Aggregation.number)
                    case .values(let values):
                        (0..<values.count).compactMap { Aggregation.number(values.value(at: $0)) }.reduce(nil) { current, number in
                            current.map { better(number, than: $0) ? number : $0 } ?? number
                        }
                    }
                if let candidate, best.map({ better(candidate, than: $0) }) ?? true { best = candidate }
            }
        }
        guard let best else { return [] }
        // The points holding the extreme value, in (time, series) order as the row path sees them.
        var holders: [(time: Int64, series: Int, value: FieldValue)] = []
        for (index, chunk) in chunks {
            switch chunk {
            case .block(let summary):
                guard (isMinimum ? summary.minimum : summary.maximum).flatMap(Aggregation.number) == best else { continue }
                for column in try engine.read(
                    database: read.database, retentionPolicy: read.policy, seriesKey: read.group.series[index].key, field: field,
                    in: max(summary.minTime, range.lowerBound)...min(summary.maxTime, range.upperBound))
                {
                    for position in 0..<column.count where Aggregation.number(column.value(at: position)) == best {
                        holders.append((column.times[position], index, column.value(at: position)))
                    }
                }
            case .values(let values):
                for position in 0..<values.count where Aggregation.number(values.value(at: position)) == best {
                    holders.append((values.times[position], index, values.value(at: position)))
                }
            }
        }
        guard let first = holders.min(by: { ($0.time, $0.series) < ($1.time, $1.series) }) else { return [] }
        return [[.time(first.time), ResultValue(first.value)]]
    }
}
