import InfluxQL
import Storage
import TimeSeries

/// Aggregates over buckets: the whole time range, or `GROUP BY time(interval[, offset])` windows with fill().
extension QueryExecutor {
    func aggregate(_ rows: [Row], plan: SelectPlan, statement: SelectStatement, condition: SeriesCondition) throws -> [[ResultValue]] {
        guard let buckets = TimeBuckets(statement) else {
            return wholeRange(rows, plan: plan, condition: condition)
        }
        // A series with no value in the range is left out rather than shown as empty buckets, as InfluxDB does.
        guard let firstTime = rows.first?.time else { return [] }
        var grouped: [Int64: [Row]] = [:]
        for row in rows { grouped[buckets.start(of: row.time), default: []].append(row) }
        var cells = grouped.mapValues { bucket in bucketCells(bucket, plan: plan) }
        Self.fillIntegrals(&cells, rows: rows, plan: plan, buckets: buckets)
        return try bucketRows(cells, firstTime: firstTime, buckets: buckets, plan: plan, statement: statement, condition: condition)
    }

    /// `GROUP BY time` aggregates read a few buckets of rows at a time (windows end on bucket boundaries), so a
    /// query over millions of points holds one window's rows and one row of results per bucket.
    func aggregateInWindows(_ read: GroupRead, buckets: TimeBuckets) throws -> [[ResultValue]] {
        guard let data = read.dataRange.value else { return [] }
        let lower = max(read.condition.timeRange.lowerBound, data.lowerBound)
        let upper = min(read.condition.timeRange.upperBound, data.upperBound)
        guard lower <= upper else { return [] }
        var cells: [Int64: [[ResultValue]]] = [:]
        var firstTime: Int64?
        var windows = WindowSequence(range: lower...upper, rowsWanted: 100_000) { start, end in
            // End before the bucket holding end + 1 begins; when one bucket is wider than the window, end with it.
            let next = buckets.start(of: end + 1)
            return next > start ? next - 1 : buckets.next(after: buckets.start(of: start)) - 1
        }
        while let window = windows.next() {
            var condition = read.condition
            condition.timeRange = window
            let rows = try readRows(
                read.group, plan: read.plan, database: read.database, policy: read.policy, condition: condition,
                filterFields: read.filterFields)
            windows.adapt(toRowCount: rows.count)
            if let first = rows.first?.time { firstTime = min(firstTime ?? first, first) }
            var grouped: [Int64: [Row]] = [:]
            for row in rows { grouped[buckets.start(of: row.time), default: []].append(row) }
            for (start, bucket) in grouped { cells[start] = bucketCells(bucket, plan: read.plan) }
        }
        guard let firstTime else { return [] }
        return try bucketRows(
            cells, firstTime: firstTime, buckets: buckets, plan: read.plan, statement: read.statement, condition: read.condition)
    }

    /// The same aggregates from chunk statistics (`canUseBlockStatistics` said yes).
    func aggregateFromBlocks(
        _ group: SeriesGroup,
        plan: SelectPlan,
        statement: SelectStatement,
        condition: SeriesCondition,
        database: String,
        policy: String?
    ) throws -> [[ResultValue]] {
        let buckets = TimeBuckets(statement)
        let bucket: (Int64) -> Int64 = { time in buckets?.start(of: time) ?? 0 }
        let accumulated = try accumulate(group, plan: plan, database: database, policy: policy, range: condition.timeRange, bucket: bucket)
        let functions = plan.columns.map { column -> String in if case .aggregate(let function, _, _) = column { function } else { "" } }
        let cells = accumulated.compactMapValues { accumulators -> [[ResultValue]]? in
            guard accumulators.contains(where: { $0.count > 0 }) else { return nil }
            return [zip(functions, accumulators).map { $1.result($0) }]
        }
        guard let firstBucket = cells.keys.min() else { return [] }
        guard let buckets else {
            let time = condition.timeRange.lowerBound == Int64.min ? 0 : condition.timeRange.lowerBound
            return cells[firstBucket]!.map { [.time(time)] + $0 }
        }
        return try bucketRows(cells, firstTime: firstBucket, buckets: buckets, plan: plan, statement: statement, condition: condition)
    }

    static func timeInterval(_ statement: SelectStatement) -> (Int64, Int64)? {
        statement.dimensions.lazy.compactMap { dimension -> (Int64, Int64)? in
            if case .time(let interval, let offset) = dimension { return (interval, offset) }
            return nil
        }.first
    }

    /// Rows for every bucket from the query's lower bound (or the first data) to its upper bound (or now), empty
    /// buckets filled as `fill()` says. `cells` holds each bucket's rows without their time.
    func bucketRows(
        _ cells: [Int64: [[ResultValue]]],
        firstTime: Int64,
        buckets: TimeBuckets,
        plan: SelectPlan,
        statement: SelectStatement,
        condition: SeriesCondition
    ) throws -> [[ResultValue]] {
        let lower = condition.timeRange.lowerBound != Int64.min ? condition.timeRange.lowerBound : firstTime
        let upper = condition.timeRange.upperBound != Int64.max ? condition.timeRange.upperBound : engine.configuration.clock()
        let first = buckets.start(of: lower)
        let last = buckets.start(of: max(upper, lower))
        try checkBucketCount(from: first, to: last, width: buckets.width)
        var output: [[ResultValue]] = []
        var previous: [ResultValue]?
        var nextTime: Int64? = first
        var made = 0
        while let time = nextTime, time <= last {
            // The last bucket of time has no next one: `next(after:)` saturates there.
            defer { nextTime = buckets.next(after: time) > time ? buckets.next(after: time) : nil }
            made += 1
            if made % 65_536 == 0 { try QueryBudget.current?.check() }
            if let rows = cells[time] {
                previous = rows.last
                output += rows.map { [.time(time)] + $0 }
                continue
            }
            switch plan.hasIntegral ? .none : statement.fill {
            case .none: continue
            case .null:
                // count() of an empty bucket is 0 under fill(null), as InfluxDB answers; everything else null.
                output.append(
                    [.time(time)]
                        + plan.columns.map { column in
                            if case .aggregate(let function, _, _) = column, Aggregation.counts(function) { .integer(0) } else { .null }
                        }
                )
            case .linear: output.append([.time(time)] + plan.columns.map { _ in ResultValue.null })
            case .previous: output.append([.time(time)] + (previous ?? plan.columns.map { _ in .null }))
            case .value(let number):
                output.append(
                    [.time(time)]
                        + plan.columns.map { column in
                            if case .aggregate(let function, _, _) = column, Aggregation.counts(function) {
                                return .integer(Int64(goTruncating: number))
                            }
                            return .float(number)
                        })
            }
        }
        if statement.fill == .linear { Self.interpolate(&output) }
        return output
    }

    /// InfluxDB's `max-select-buckets` check, and Sundial's ceiling on buckets made in memory when it is 0.
    private func checkBucketCount(from first: Int64, to last: Int64, width: Int64) throws {
        // A span wider than Int64 (data at both ends of time) is more buckets than any limit allows.
        let count = last.subtractingChecked(first).map { Int($0 / width) + 1 } ?? Int.max
        if limits.maxSelectBuckets > 0 && count > limits.maxSelectBuckets {
            throw QueryError("max-select-buckets limit exceeded: (\(count)/\(limits.maxSelectBuckets))")
        }
        if count > QueryLimits.bucketsInMemory {
            throw QueryError(
                "too many GROUP BY time buckets to answer at once: (\(count)/\(QueryLimits.bucketsInMemory)); "
                    + "narrow the time range or widen the interval")
        }
    }

    /// One row for the whole range: at the query's lower bound (epoch 0 when unbounded), or at the selected point
    /// when the query is a single selector.
    private func wholeRange(_ rows: [Row], plan: SelectPlan, condition: SeriesCondition) -> [[ResultValue]] {
        guard !rows.isEmpty else { return [] }
        var time = condition.timeRange.lowerBound == Int64.min ? 0 : condition.timeRange.lowerBound
        if plan.isDistinct { return bucketCells(rows, plan: plan).map { [.time(time)] + $0 } }
        let evaluated = plan.columns.map { evaluate($0, rows) }
        // Nothing selected (a percentile out of range): no row at all, as InfluxDB answers.
        guard evaluated.contains(where: { $0.0 != .null }) else { return [] }
        if evaluated.count == 1, case .aggregate(let function, _, _) = plan.columns[0], SelectPlan.selectors.contains(function),
            let selected = evaluated[0].1
        {
            time = selected
        }
        return [[.time(time)] + evaluated.map(\.0)]
    }

    /// One bucket's rows without their time: one row of aggregates, or a row per value for distinct().
    private func bucketCells(_ rows: [Row], plan: SelectPlan) -> [[ResultValue]] {
        guard plan.isDistinct, case .aggregate(_, let field, _) = plan.columns[0] else {
            return [plan.columns.map { evaluate($0, rows).0 }]
        }
        return Aggregation.distinct(rows.compactMap { row in row.fields[field].map { (time: row.time, value: $0) } }).map { [$0] }
    }

    private func evaluate(_ column: SelectPlan.Column, _ rows: [Row]) -> (ResultValue, Int64?) {
        guard case .aggregate(let function, let field, let argument) = column else { return (.null, nil) }
        if function == "integral" {
            let integral = Integral.windows(Self.numbers(rows, field), unit: Int64(argument ?? 1e9), buckets: nil)[0]
            return (integral.map(ResultValue.float) ?? .null, nil)
        }
        let points = rows.compactMap { row in row.fields[field].map { (time: row.time, value: $0) } }
        return Aggregation.apply(function, to: points, argument: argument)
    }

    /// integral() needs the points around a bucket too: computed over all rows, then put into each bucket's row.
    private static func fillIntegrals(
        _ cells: inout [Int64: [[ResultValue]]], rows: [Row], plan: SelectPlan, buckets: TimeBuckets
    ) {
        for (index, column) in plan.columns.enumerated() {
            guard case .aggregate("integral", let field, let unit) = column else { continue }
            let integrals = Integral.windows(numbers(rows, field), unit: Int64(unit ?? 1e9), buckets: buckets)
            // A window the reducer emitted nothing for has no row at all, as in InfluxDB.
            for start in cells.keys where !cells[start]!.isEmpty {
                guard let integral = integrals[start] else {
                    cells[start] = nil
                    continue
                }
                cells[start]![0][index] = .float(integral)
            }
        }
    }

    private static func numbers(_ rows: [Row], _ field: String) -> [(time: Int64, value: Double)] {
        rows.compactMap { row in row.fields[field].flatMap { value in Self.number(ResultValue(value)).map { (row.time, $0) } } }
    }

    static func bucketStart(_ time: Int64, width: Int64, offset: Int64) -> Int64 {
        TimeBuckets(width: width, offset: offset).start(of: time)
    }

    /// fill(linear): numeric nulls between two values of a column get the value on the line between them.
    private static func interpolate(_ rows: inout [[ResultValue]]) {
        guard let width = rows.first?.count else { return }
        for column in 1..<width {
            var lastIndex: Int?
            for index in rows.indices {
                guard let value = number(rows[index][column]) else { continue }
                if let start = lastIndex, index - start > 1, let startValue = number(rows[start][column]) {
                    for gap in (start + 1)..<index {
                        let fraction = Double(gap - start) / Double(index - start)
                        let interpolated = startValue + (value - startValue) * fraction
                        // Between two integers the line is cut to an integer, as InfluxDB's linearInteger does.
                        if case .integer = rows[start][column], case .integer = rows[index][column] {
                            rows[gap][column] = .integer(Int64(interpolated))
                        } else {
                            rows[gap][column] = .float(interpolated)
                        }
                    }
                }
                lastIndex = index
            }
        }
    }

    private static func number(_ value: ResultValue) -> Double? {
        switch value {
        case .float(let number): number
        case .integer(let number): Double(number)
        default: nil
        }
    }
}
