import InfluxQL
import Storage
import TimeSeries

/// Reading only as much time as a query needs: a raw query with LIMIT, or a whole-range `first()`/`last()`, is
/// answered from a window at the start (or end) of the data that doubles until it holds enough rows. Every row
/// outside the window lies beyond all rows inside it, so the answer is the same as reading everything.
extension QueryExecutor {
    func readNeededRows(
        _ group: SeriesGroup,
        plan: SelectPlan,
        statement: SelectStatement,
        database: String,
        policy: String?,
        condition: SeriesCondition,
        filterFields: Bool,
        dataRange: DataRangeMemo
    ) throws -> [Row] {
        let read = { (range: ClosedRange<Int64>) throws -> [Row] in
            var windowed = condition
            windowed.timeRange = range
            return try readRows(group, plan: plan, database: database, policy: policy, condition: windowed, filterFields: filterFields)
        }
        guard let (fromEnd, isEnough) = Self.windowGoal(plan, statement),
            let data = dataRange.value
        else { return try read(condition.timeRange) }
        let lower = max(condition.timeRange.lowerBound, data.lowerBound)
        let upper = min(condition.timeRange.upperBound, data.upperBound)
        guard lower <= upper else { return [] }
        // Data at both ends of time spans more than Int64 holds: such a span counts as Int64.max, and a window that
        // wide is the whole range.
        let span = upper.subtractingSaturated(lower)
        var width = max(span / 1024, 1)
        while true {
            let range: ClosedRange<Int64> =
                width >= span ? lower...upper : fromEnd ? (upper - width)...upper : lower...(lower + width)
            let rows = try read(range)
            if isEnough(rows) || range == lower...upper { return rows }
            width = width > span / 2 ? span : width * 2
        }
    }

    /// Whether the query only needs the earliest or latest rows, and when a window holds enough of them.
    private static func windowGoal(_ plan: SelectPlan, _ statement: SelectStatement) -> (fromEnd: Bool, isEnough: ([Row]) -> Bool)? {
        // A transformation of an aggregate needs every bucket of the range.
        if plan.transformations.contains(where: { $0.aggregate != nil }) { return nil }
        if !plan.isAggregate, let limit = statement.limit, limit > 0 {
            let needed = limit.addingReportingOverflow(statement.offset ?? 0).overflow ? Int.max : limit + (statement.offset ?? 0)
            if let transformation = plan.transformations.first {
                // Rows sharing a time or dropped as negative give no output: count what the transformation makes.
                return (
                    statement.isDescending,
                    { rows in
                        let ordered = statement.isDescending ? Array(rows.reversed()) : rows
                        return ((try? transformation.apply(to: ordered, ascending: !statement.isDescending))?.count ?? Int.max) >= needed
                    }
                )
            }
            return (statement.isDescending, { $0.count >= needed })
        }
        guard plan.isAggregate, timeInterval(statement) == nil else { return nil }
        let functions = plan.columns.compactMap { column -> (String, String)? in
            if case .aggregate(let function, let field, _) = column { return (function, field) }
            return nil
        }
        guard functions.count == plan.columns.count, let function = functions.first?.0, function == "first" || function == "last",
            functions.allSatisfy({ $0.0 == function })
        else { return nil }
        let fields = Set(functions.map(\.1))
        return (function == "last", { rows in fields.allSatisfy { field in rows.contains { $0.fields[field] != nil } } })
    }
}
