import Storage
import TimeSeries

/// `first()` and `last()` over the whole range — `SELECT last(*) … GROUP BY host`, the dashboards' favourite — from
/// the TSM index: each block records its first and last values, so only the block at the right end of each series
/// is looked at, and it is decoded only when it is not whole (cache data, deletes, overlaps) or comes from a file
/// written before those values were kept.
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
        return [[.time(time)] + cells.map { $0.map { Aggregation.result($0.value) } ?? .null }]
    }

    /// The group's first or last point of `field`; between series at the same time the greater value wins, as in
    /// `Aggregation`'s row path.
    private func end(isFirst: Bool, of field: String, _ read: GroupRead) throws -> (value: FieldValue, time: Int64)? {
        var best: (value: FieldValue, time: Int64)?
        for series in read.group.series {
            let chunks = try engine.readChunks(
                database: read.database, retentionPolicy: read.policy, seriesKey: series.key, field: field, in: read.condition.timeRange)
            guard let chunk = isFirst ? chunks.first : chunks.last,
                let candidate = try end(isFirst: isFirst, of: chunk, series.key, field, read)
            else { continue }
            if let current = best {
                let isBetterTime = isFirst ? candidate.time < current.time : candidate.time > current.time
                guard isBetterTime || (candidate.time == current.time && Aggregation.isGreater(candidate.value, than: current.value)) else {
                    continue
                }
            }
            best = candidate
        }
        return best
    }

    private func end(isFirst: Bool, of chunk: CursorChunk, _ seriesKey: String, _ field: String, _ read: GroupRead) throws -> (
        value: FieldValue, time: Int64
    )? {
        switch chunk {
        case .values(let values):
            guard values.count > 0 else { return nil }
            let position = isFirst ? 0 : values.count - 1
            return (values.value(at: position), values.times[position])
        case .block(let summary):
            if let value = isFirst ? summary.first : summary.last { return (value, isFirst ? summary.minTime : summary.maxTime) }
            // A block of an older file: decode it (a whole block lies inside the range, untouched by anything else).
            let columns = try engine.read(
                database: read.database, retentionPolicy: read.policy, seriesKey: seriesKey, field: field,
                in: summary.minTime...summary.maxTime)
            guard let column = isFirst ? columns.first : columns.last, column.count > 0 else { return nil }
            let position = isFirst ? 0 : column.count - 1
            return (column.value(at: position), column.times[position])
        }
    }
}
