import Foundation
import PipelineSpec
import TimeSeries

/// A `batch|query(…)` node's schedule and query: what runs when, and how its results become batches
/// (SPEC-kapacitor.md §2.1).
struct BatchQuery: Sendable {
    let node: Int
    let text: String
    let period: Int64
    /// `.every()`; 0 with `.cron()`.
    let every: Int64
    /// `.cron()`: when the query runs instead of every `every`.
    let cron: CronSchedule?
    let offset: Int64
    let align: Bool
    /// `time(length, offset)` of `.groupBy()`, if any.
    let timeDimension: (length: Int64, offset: Int64)?
    /// Tag names of `.groupBy()`; nil for `*`.
    let tags: [String]?
    let byName: Bool
    let fill: String?

    init(_ spec: PipelineNode) throws(TaskStartError) {
        guard case .string(let text)? = spec.arguments.first else { throw TaskStartError("\(spec.name): query needs InfluxQL") }
        if case .string(let expression)? = spec.property("cron")?.first {
            do { cron = try CronSchedule(expression) } catch { throw TaskStartError("\(spec.name): \(error)") }
            guard let period = spec.duration("period"), period > 0 else {
                throw TaskStartError("\(spec.name): a .cron() query needs .period()")
            }
            every = 0
            self.period = period
        } else {
            guard let every = spec.duration("every"), every > 0 else {
                throw TaskStartError("\(spec.name): must define one of 'every' or 'cron'")
            }
            cron = nil
            self.every = every
            period = spec.duration("period") ?? every
        }
        node = spec.id
        self.text = text
        offset = spec.duration("offset") ?? 0
        align = spec.isSet("align")
        byName = spec.isSet("groupByMeasurement")
        var time: (Int64, Int64)?
        var tags: [String]? = []
        for value in spec.property("groupBy") ?? [] {
            switch value {
            case .timeDimension(let length, let offset): time = (length, offset)
            case .string(let tag): tags?.append(tag)
            case .star: tags = nil
            default: continue
            }
        }
        timeDimension = time
        self.tags = tags
        fill = spec.property("fill")?.first.map { value in if case .string(let text) = value { text } else { value.scriptText } }
    }

    /// When the first query runs for a task started at `now`: one `every` later, or the next multiple of `every`, or
    /// the cron schedule's next time.
    func firstRun(after now: Int64) -> Int64 {
        if let cron { return cron.next(after: now) ?? .max }
        return (align ? now.flooredSaturated(toMultipleOf: every) : now).addingSaturated(every)
    }

    /// When the query runs after the run scheduled at `previous`, at `now`: runs missed while the previous one was
    /// slow are skipped, not caught up. `Int64.max` when a cron schedule never runs again.
    func nextRun(after previous: Int64, now: Int64) -> Int64 {
        if let cron { return cron.next(after: max(previous, now)) ?? .max }
        let missed = now.subtractingSaturated(previous) / every + 1
        return previous.addingSaturated(every.multipliedSaturated(by: max(1, missed)))
    }

    /// The statement run at `now`: the script's query with the time range and the grouping appended.
    func statement(at now: Int64) -> (text: String, stop: Int64) {
        let stop = now.subtractingSaturated(offset)
        let start = stop.subtractingSaturated(period)
        let range = "time >= '\(GoTime.rfc3339Nano(start))' AND time < '\(GoTime.rfc3339Nano(stop))'"
        var statement = text
        statement += statement.range(of: " where ", options: .caseInsensitive) == nil ? " WHERE " + range : " AND " + range
        var dimensions: [String] = []
        if let timeDimension {
            dimensions.append(
                timeDimension.offset == 0
                    ? "time(\(timeDimension.length)ns)" : "time(\(timeDimension.length)ns, \(timeDimension.offset)ns)")
        }
        if let tags { dimensions += tags.map { "\"\($0)\"" } } else { dimensions.append("*") }
        if !dimensions.isEmpty { statement += " GROUP BY " + dimensions.joined(separator: ", ") }
        if let fill { statement += " fill(\(fill))" }
        return (statement, stop)
    }

    /// One batch per result series: numbers as floats, nulls and empty rows dropped; its time the last row's when
    /// grouped by time, else the query's stop.
    func batches(_ results: [StatementResult], stop: Int64) throws(NodeError) -> [PointBatch] {
        var batches: [PointBatch] = []
        for result in results {
            if let error = result.error { throw NodeError("query failed: \(error)") }
            for series in result.series { batches.append(batch(series, stop: stop)) }
        }
        return batches
    }

    private func batch(_ series: ResultSeries, stop: Int64) -> PointBatch {
        let tags = series.tags ?? [:]
        var points: [BatchPoint] = []
        let timeColumn = series.columns.firstIndex(of: "time")
        for row in series.values {
            var fields: [String: FieldValue] = [:]
            var time = stop
            for (index, cell) in row.enumerated() where index < series.columns.count {
                if index == timeColumn, case .time(let nanoseconds) = cell {
                    time = nanoseconds
                    continue
                }
                if let value = Self.fieldValue(cell) { fields[series.columns[index]] = value }
            }
            if !fields.isEmpty { points.append(BatchPoint(time: time, fields: fields, tags: tags)) }
        }
        let name = series.name ?? ""
        let group = GroupKey(name: name, tags: tags, dimensions: self.tags ?? Array(tags.keys), byName: byName)
        let time = timeDimension != nil ? (points.last?.time ?? stop) : stop
        return PointBatch(name: name, time: time, group: group, tags: group.groupTags(of: tags), points: points)
    }

    private static func fieldValue(_ cell: ResultValue) -> FieldValue? {
        switch cell {
        case .float(let number): .float(number)
        case .integer(let number): .float(Double(number))
        case .unsigned(let number): .float(Double(number))
        case .string(let text): .string(text)
        case .boolean(let flag): .boolean(flag)
        case .null, .time, .strings: nil
        }
    }
}
