import InfluxQL
import TimeSeries

/// Selector queries whose rows are the selected points: `top()`/`bottom()`, and one selector with fields or tags
/// beside it (`SELECT max(v), host, n`), whose other columns come from the selected point.
extension QueryExecutor {
    func selectionRows(_ rows: [Row], read: GroupRead) throws -> [[ResultValue]] {
        let plan = read.plan
        guard let selectorIndex = plan.columns.firstIndex(where: SelectPlan.isSelectorOrAggregate) else { return [] }
        let windows = TimeBuckets(read.statement)
        var buckets: [Int64: [Row]] = [:]
        for row in rows { buckets[windows?.start(of: row.time) ?? 0, default: []].append(row) }
        if let (field, pick) = Self.picker(plan.columns[selectorIndex], group: read.group) {
            // Every picked point keeps its own time, even with GROUP BY time; empty buckets show nothing.
            return buckets.keys.sorted().flatMap { start in
                pick(buckets[start]!).map { row in
                    [.time(row.time)] + cells(for: row, selected: row.fields[field], at: selectorIndex, read: read)
                }
            }
        }
        guard case .aggregate(let function, let field, let argument) = plan.columns[selectorIndex] else { return [] }
        var selected: [Int64: [[ResultValue]]] = [:]
        var times: [Int64: Int64] = [:]
        for (start, bucket) in buckets {
            let candidates = bucket.filter { $0.fields[field] != nil }
            let points = candidates.map { (time: $0.time, value: $0.fields[field]!) }
            guard
                let (value, index) = Aggregation.selection(
                    function, of: points, argument: argument, laterSeriesWinsLast: windows == nil),
                let index
            else { continue }
            let row = candidates[index]
            selected[start] = [cells(for: row, selected: nil, at: selectorIndex, read: read, value: value)]
            times[start] = row.time
        }
        guard let windows else {
            return selected[0].map { rows in rows.map { [.time(times[0]!)] + $0 } } ?? []
        }
        guard let first = selected.keys.min() else { return [] }
        return try bucketRows(
            selected, firstTime: first, buckets: windows, plan: plan, statement: read.statement, condition: read.condition)
    }

    /// For top(), bottom() and sample(): the field and how to pick a bucket's rows.
    private static func picker(_ column: SelectPlan.Column, group: SeriesGroup) -> (String, ([Row]) -> [Row])? {
        switch column {
        case .top(let isTop, let field, let limit, let tags):
            return (field, { top(isTop, field: field, limit: limit, tags: tags, $0, group: group) })
        case .sample(let field, let limit):
            return (
                field,
                { rows in
                    Array(rows.filter { $0.fields[field] != nil }.shuffled().prefix(limit)).sorted {
                        ($0.time, $0.series) < ($1.time, $1.series)
                    }
                }
            )
        default: return nil
        }
    }

    /// One output row without its time: the selected value, and each field or tag column from the same point.
    private func cells(
        for row: Row, selected: FieldValue?, at selectorIndex: Int, read: GroupRead, value: ResultValue? = nil
    ) -> [ResultValue] {
        let tags = read.group.series[row.series].tags
        return read.plan.columns.enumerated().map { index, column in
            if index == selectorIndex { return value ?? selected.map(ResultValue.init) ?? .null }
            guard case .raw(let name) = column else { return .null }
            if let field = row.fields[name] { return ResultValue(field) }
            return tags[name].map(ResultValue.string) ?? .null
        }
    }

    /// The `limit` greatest (top) or least points of `field`, in time order; with tags, only the best point of each
    /// tag set competes. Equal values prefer the earlier point. Of equal points at one time InfluxDB's heap decides
    /// the order, which these keep in series order (listed in DIFFERENCES).
    private static func top(_ isTop: Bool, field: String, limit: Int, tags: [String], _ rows: [Row], group: SeriesGroup) -> [Row] {
        let candidates = rows.filter { $0.fields[field].map(isNumeric) ?? false }
        func better(_ a: Row, _ b: Row) -> Bool {
            let left = number(a.fields[field]!)
            let right = number(b.fields[field]!)
            if left != right { return isTop ? left > right : left < right }
            return (a.time, a.series) < (b.time, b.series)
        }
        var competitors = candidates
        if !tags.isEmpty {
            var best: [[String]: Row] = [:]
            for row in candidates {
                let key = tags.map { group.series[row.series].tags[$0] ?? "" }
                if let current = best[key], !better(row, current) { continue }
                best[key] = row
            }
            competitors = Array(best.values)
        }
        // In time order; points of one time in InfluxDB's emit order, best first.
        return competitors.sorted(by: better).prefix(limit).sorted { $0.time != $1.time ? $0.time < $1.time : better($0, $1) }
    }

    private static func isNumeric(_ value: FieldValue) -> Bool {
        switch value {
        case .float, .integer, .unsigned: true
        default: false
        }
    }

    private static func number(_ value: FieldValue) -> Double {
        switch value {
        case .float(let number): number
        case .integer(let number): Double(number)
        case .unsigned(let number): Double(number)
        default: 0
        }
    }
}
