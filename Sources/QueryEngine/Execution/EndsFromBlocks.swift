import Storage
import TimeSeries

/// `first()` and `last()` over the whole range — `SELECT last(*) … GROUP BY host`, the dashboards' favourite — from
/// each series' end point (`StorageEngine.endPoint`): the TSM index records every block's first and last values, so
/// only the end of each series is looked at, without decoding whole blocks or reading all its cached values.
extension QueryExecutor {
    /// Whether every column is first() or last() of a stored field, with no GROUP BY time and no condition on fields.
    /// (Strings keep no first and last value in the index: their end blocks are decoded.)
    static func canUseBlockEnds(_ plan: SelectPlan, fieldTypes: [String: FieldType], timeDimension: Bool, predicateNeedsFields: Bool)
        -> Bool
    {
        guard !timeDimension, !predicateNeedsFields, !plan.columns.isEmpty else { return false }
        return plan.columns.allSatisfy { column in
            guard case .aggregate(let function, let field, _) = column, function == "first" || function == "last" else { return false }
            return fieldTypes[field] != nil
        }
    }

    /// The group's one row: the range's start (or, for a lone selector, the selected point's time) and each column's
    /// value; no row when no column found a point.
    func endsFromBlocks(_ read: GroupRead) throws -> [[ResultValue]] {
        var cells: [(value: FieldValue, time: Int64)?] = []
        for column in read.plan.columns {
            guard case .aggregate(let function, let field, _) = column else { continue }
            cells.append(try end(isFirst: function == "first", of: field, read))
        }
        guard cells.contains(where: { $0 != nil }) else { return [] }
        let range = read.condition.timeRange
        var time = range.lowerBound == Int64.min ? 0 : range.lowerBound
        if cells.count == 1, let only = cells[0] { time = only.time }
        return [[.time(time)] + cells.map { $0.map { ResultValue($0.value) } ?? .null }]
    }

    /// The group's first or last point of `field`; between series at the same time the greater value wins, as in
    /// `Aggregation`'s row path.
    private func end(isFirst: Bool, of field: String, _ read: GroupRead) throws -> (value: FieldValue, time: Int64)? {
        var best: (value: FieldValue, time: Int64)?
        for series in read.group.series {
            guard
                let candidate = try engine.endPoint(
                    first: isFirst, database: read.database, retentionPolicy: read.policy, seriesKey: series.key, field: field,
                    in: read.condition.timeRange)
            else { continue }
            if let current = best {
                let isBetterTime = isFirst ? candidate.time < current.time : candidate.time > current.time
                guard isBetterTime || (candidate.time == current.time && Aggregation.isGreater(candidate.value, than: current.value)) else {
                    continue
                }
            }
            best = (candidate.value, candidate.time)
        }
        return best
    }
}
