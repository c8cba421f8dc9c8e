import InfluxQL
import RE2Regex
import Storage
import TimeSeries

import struct Foundation.TimeZone

/// SELECT: raw rows, or aggregates over the whole range or `GROUP BY time(…)` buckets, per measurement and per
/// `GROUP BY` tag set.
extension QueryExecutor {
    /// One row read from storage: a time, the series it came from, and its field values.
    struct Row {
        let time: Int64
        let series: Int
        let fields: RowFields
    }

    /// A `GROUP BY` tag set and the series in it.
    struct SeriesGroup {
        let tags: [String: String]
        let series: [(key: String, tags: [String: String])]
    }

    func select(_ statement: SelectStatement, context: Context) throws -> [ResultSeries] {
        let (scope, measurements) = try selectScope(statement, context: context)
        var results: [ResultSeries] = []
        for measurement in measurements {
            results += try select(measurement, statement, scope: scope, context: context)
        }
        return results
    }

    /// The database, policy, condition and measurements a SELECT reads, with the fields and tag keys its wildcards
    /// expand to.
    func selectScope(_ statement: SelectStatement, context: Context) throws -> (SelectScope, [String]) {
        guard let database = statement.sources.first?.database ?? context.database else { throw QueryError("database name required") }
        guard let info = engine.databaseInfo(database) else { throw StorageError(.databaseNotFound, "database not found: \(database)") }
        let policy = statement.sources.first?.retentionPolicy ?? context.retentionPolicy ?? info.defaultRetentionPolicy
        guard info.retentionPolicy(policy) != nil else {
            throw StorageError(.retentionPolicyNotFound, "retention policy not found: \(policy)")
        }
        let zone = statement.timezone.flatMap(TimeZone.init(identifier:))
        let condition = try SeriesCondition(statement.condition, now: engine.configuration.clock(), zone: zone)
        let measurements = try measurements(statement.sources, database: database)
        // Wildcards expand to the fields and tags of every selected measurement together, as InfluxDB does.
        var allFields: [String: FieldType] = [:]
        var allTagKeys: Set<String> = []
        for measurement in measurements {
            for field in try engine.fields(database: database, measurement: measurement, retentionPolicy: policy)
            where allFields[field.name] == nil {
                allFields[field.name] = field.type
            }
            allTagKeys.formUnion(try engine.tagKeys(database: database, measurement: measurement))
        }
        let scope = SelectScope(
            database: database, policy: policy, condition: condition, allFields: allFields.map { (name: $0.key, type: $0.value) },
            allTagKeys: allTagKeys, dataRange: DataRangeMemo(engine: engine, database: database, policy: policy))
        return (scope, measurements)
    }

    /// What every measurement of a SELECT shares.
    struct SelectScope {
        let database: String
        let policy: String
        let condition: SeriesCondition
        let allFields: [(name: String, type: FieldType)]
        let allTagKeys: Set<String>
        /// Where the policy holds data, found once for the statement.
        let dataRange: DataRangeMemo
    }

    /// How a series group's rows are made: from block statistics, by finding a lone extreme, or from the points.
    private enum ReadStrategy {
        case blocks
        case ends
        case extremum(isMinimum: Bool, field: String)
        case points
    }

    /// A measurement's plan and series groups for a SELECT; `predicateNeedsFields` when the WHERE clause tests fields.
    struct MeasurementRead {
        let plan: SelectPlan
        let fields: [(name: String, type: FieldType)]
        let groups: [SeriesGroup]
        let predicateNeedsFields: Bool
    }

    func measurementRead(_ measurement: String, _ statement: SelectStatement, scope: SelectScope) throws -> MeasurementRead {
        let (database, condition) = (scope.database, scope.condition)
        let fields = try engine.fields(database: database, measurement: measurement, retentionPolicy: scope.policy)
        let conditionNames = condition.predicate.map(TagPredicate.names) ?? []
        let plan = try SelectPlan(statement, fields: scope.allFields, tagKeys: scope.allTagKeys, conditionNames: conditionNames)
        let predicateNeedsFields = !conditionNames.isDisjoint(with: fields.map(\.name))
        // `tag = 'value'` required by the WHERE clause narrows the series through the index first.
        let required = predicateNeedsFields ? [] : condition.predicate.map(TagPredicate.requiredEqualities) ?? []
        let series = try engine.series(database: database, measurement: measurement, tagEquals: required)
        var candidates = series
        if let predicate = condition.predicate, !predicateNeedsFields {
            candidates = try series.filter { try TagPredicate.matches(predicate, tags: $0.tags, patterns: condition.patterns) }
        }
        try QueryBudget.current?.charge(series: candidates.count)
        let groups = Self.group(candidates, by: statement.dimensions, allKeys: scope.allTagKeys)
        return MeasurementRead(plan: plan, fields: fields, groups: groups, predicateNeedsFields: predicateNeedsFields)
    }

    private func select(_ measurement: String, _ statement: SelectStatement, scope: SelectScope, context: Context) throws -> [ResultSeries]
    {
        let (database, condition) = (scope.database, scope.condition)
        let prepared = try measurementRead(measurement, statement, scope: scope)
        let (plan, fields, groups, predicateNeedsFields) = (prepared.plan, prepared.fields, prepared.groups, prepared.predicateNeedsFields)
        let pagedGroups = groups.dropFirst(statement.seriesOffset ?? 0).prefix(
            statement.seriesLimit.map { $0 > 0 ? $0 : Int.max } ?? Int.max)
        let hasTagDimensions = statement.dimensions.contains { if case .time = $0 { false } else { true } }
        let fieldTypes = Dictionary(fields.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
        let hasTime = Self.timeInterval(statement) != nil
        var strategy = ReadStrategy.points
        if let (isMinimum, field) = Self.extremum(
            plan, fieldTypes: fieldTypes, timeDimension: hasTime, predicateNeedsFields: predicateNeedsFields)
        {
            strategy = .extremum(isMinimum: isMinimum, field: field)
        } else if Self.canUseBlockEnds(plan, fieldTypes: fieldTypes, timeDimension: hasTime, predicateNeedsFields: predicateNeedsFields) {
            strategy = .ends
        } else if Self.canUseBlockStatistics(
            plan, fieldTypes: fieldTypes, timeDimension: hasTime, predicateNeedsFields: predicateNeedsFields)
        {
            strategy = .blocks
        }
        var results: [ResultSeries] = []
        for group in pagedGroups {
            try registry.check(context.queryID)
            let read = GroupRead(
                group: group, plan: plan, statement: statement, condition: condition, database: database, policy: scope.policy,
                filterFields: predicateNeedsFields, dataRange: scope.dataRange)
            var values: [[ResultValue]] =
                switch strategy {
                case .extremum(let isMinimum, let field): try extremumFromBlocks(read, isMinimum: isMinimum, field: field)
                case .blocks: plan.project(try valuesFromBlocks(read))
                case .ends: plan.project(try endsFromBlocks(read))
                case .points: plan.project(try valuesFromPoints(read))
                }
            values = Array(values.dropFirst(statement.offset ?? 0).prefix(statement.limit.map { $0 > 0 ? $0 : Int.max } ?? Int.max))
            guard !values.isEmpty else { continue }
            results.append(
                ResultSeries(name: measurement, tags: hasTagDimensions ? group.tags : nil, columns: ["time"] + plan.names, values: values))
        }
        return results
    }

    /// What reading one series group needs.
    struct GroupRead {
        let group: SeriesGroup
        let plan: SelectPlan
        let statement: SelectStatement
        let condition: SeriesCondition
        let database: String
        let policy: String?
        /// Whether the WHERE clause tests fields, so rows must be filtered after reading.
        let filterFields: Bool
        let dataRange: DataRangeMemo
    }

    private func valuesFromBlocks(_ read: GroupRead) throws -> [[ResultValue]] {
        var values = try aggregateFromBlocks(
            read.group, plan: read.plan, statement: read.statement, condition: read.condition, database: read.database,
            policy: read.policy)
        if read.statement.isDescending { values.reverse() }
        return values
    }

    /// A group's rows from its points: aggregated, transformed or raw.
    private func valuesFromPoints(_ read: GroupRead) throws -> [[ResultValue]] {
        if read.plan.transformations.contains(where: { $0.aggregate != nil }) { return try transformedColumns(read, rows: nil) }
        if read.plan.isAggregate && !read.plan.selectsPoints && !read.plan.hasIntegral, let buckets = TimeBuckets(read.statement) {
            var values = try aggregateInWindows(read, buckets: buckets)
            if read.statement.isDescending { values.reverse() }
            return values
        }
        var rows = try readNeededRows(
            read.group, plan: read.plan, statement: read.statement, database: read.database, policy: read.policy,
            condition: read.condition, filterFields: read.filterFields, dataRange: read.dataRange)
        if read.plan.selectsPoints {
            var values = try selectionRows(rows, read: read)
            // InfluxDB 1.x lists top(), bottom() and sample() in time order even with ORDER BY time DESC.
            if read.statement.isDescending && !read.plan.columns.contains(where: SelectPlan.picksPoints) { values.reverse() }
            return values
        }
        if read.plan.isAggregate {
            var values = try aggregate(rows, plan: read.plan, statement: read.statement, condition: read.condition)
            if read.statement.isDescending { values.reverse() }
            return values
        }
        // Newest first, but rows of equal time keep their series order, as InfluxDB's merge does.
        if read.statement.isDescending { rows.sort { ($1.time, $0.series) < ($0.time, $1.series) } }
        if read.plan.hasTransformation { return try transformedColumns(read, rows: rows) }
        return raw(rows, read.group, read.plan)
    }

    /// Queries with transformations: each column computed as its own series of (time, value), then joined on time,
    /// a missing value null, as InfluxDB joins `derivative(v), difference(n)`. `rows` are the raw rows (in output
    /// order) for raw transformations; transformations of aggregates read their own, with one interval more.
    private func transformedColumns(_ read: GroupRead, rows: [Row]?) throws -> [[ResultValue]] {
        let ascending = !read.statement.isDescending
        if read.plan.columns.count == 1, case .transformation(let transformation) = read.plan.columns[0] {
            // One column needs no join, and keeps rows that share a time.
            guard let function = transformation.aggregate else { return try transformation.apply(to: rows ?? [], ascending: ascending) }
            return try transformedAggregate(read, transformation, function)
        }
        var columns: [[Int64: ResultValue]] = []
        for column in read.plan.columns {
            var values: [[ResultValue]] = []
            switch column {
            case .transformation(let transformation):
                if let function = transformation.aggregate {
                    values = try transformedAggregate(read, transformation, function)
                } else {
                    values = try transformation.apply(to: rows ?? [], ascending: ascending)
                }
            case .aggregate:
                var inner = read.plan
                inner.columns = [column]
                let rows = try readRows(
                    read.group, plan: inner, database: read.database, policy: read.policy, condition: read.condition,
                    filterFields: read.filterFields)
                values = try aggregate(rows, plan: inner, statement: read.statement, condition: read.condition)
            default: break
            }
            columns.append(
                Dictionary(
                    values.compactMap { row in if case .time(let time) = row[0] { (time, row[1]) } else { nil } },
                    uniquingKeysWith: { a, _ in a }))
        }
        let times = Set(columns.flatMap(\.keys)).sorted(by: ascending ? (<) : (>))
        return times.map { time in [.time(time)] + columns.map { $0[time] ?? .null } }
    }

    /// `derivative(mean(v))` and the like: the aggregate per bucket, then the transformation over the buckets. As
    /// InfluxDB does, intervals beyond the range's first end (`Transformation.extraIntervals`: before it, after it
    /// for ORDER BY time DESC) are aggregated too, so the first bucket has one to compare with; what the
    /// transformation makes of them is left out.
    private func transformedAggregate(_ read: GroupRead, _ transformation: Transformation, _ function: String) throws -> [[ResultValue]] {
        var condition = read.condition
        let range = condition.timeRange
        let descending = read.statement.isDescending
        if let (width, _) = Self.timeInterval(read.statement) {
            let extra = width.multipliedSaturated(by: Int64(transformation.extraIntervals))
            if descending, range.upperBound != Int64.max {
                condition.timeRange = range.lowerBound...range.upperBound.addingSaturated(extra)
            } else if !descending, range.lowerBound != Int64.min {
                condition.timeRange = range.lowerBound.subtractingSaturated(extra)...range.upperBound
            }
        }
        var inner = read.plan
        inner.columns = [.aggregate(function: function, field: transformation.field)]
        let rows = try readRows(
            read.group, plan: inner, database: read.database, policy: read.policy, condition: condition, filterFields: read.filterFields)
        var buckets = try aggregate(rows, plan: inner, statement: read.statement, condition: condition)
        if descending { buckets.reverse() }
        // An empty bucket counts nothing: for count it is a zero the transformation sees, not a gap.
        let points = buckets.compactMap { row in Self.point(Aggregation.counts(function) && row[1] == .null ? [row[0], .integer(0)] : row) }
        let output = try transformation.apply(to: points, ascending: !descending)
        return output.filter { row in
            guard case .time(let time) = row[0] else { return true }
            return descending ? time <= range.upperBound || transformation.holtWinters != nil : time >= range.lowerBound
        }
    }

    /// An aggregate row (time, value) as a point; empty buckets give none.
    private static func point(_ row: [ResultValue]) -> (time: Int64, value: FieldValue)? {
        guard case .time(let time) = row[0] else { return nil }
        switch row[1] {
        case .float(let value): return (time, .float(value))
        case .integer(let value): return (time, .integer(value))
        case .unsigned(let value): return (time, .unsigned(value))
        default: return nil
        }
    }

    /// Splits series by the `GROUP BY` tag keys (all tags for `*`); a series lacking a key groups under "".
    /// `allKeys`: the tag keys `*` and regexes choose from — those of every measurement of the statement, as
    /// InfluxDB groups `SELECT … FROM a, b GROUP BY *` by all of them (missing ones as "").
    static func group(
        _ series: [(key: String, tags: [String: String])], by dimensions: [SelectStatement.Dimension], allKeys: Set<String>? = nil
    ) -> [SeriesGroup] {
        let allKeys = allKeys ?? Set(series.flatMap(\.tags.keys))
        var keys: [String] = []
        for dimension in dimensions {
            switch dimension {
            case .tag(let key): keys.append(key)
            case .wildcard: keys += allKeys.sorted()
            case .regex(let pattern):
                if let regex = try? RE2Regex(pattern) { keys += allKeys.filter { regex.matches($0) }.sorted() }
            case .time: break
            }
        }
        var groups: [[String]: [(key: String, tags: [String: String])]] = [:]
        for entry in series { groups[keys.map { entry.tags[$0] ?? "" }, default: []].append(entry) }
        return groups.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { values in
            SeriesGroup(tags: Dictionary(zip(keys, values), uniquingKeysWith: { first, _ in first }), series: groups[values]!)
        }
    }

    func readRows(
        _ group: SeriesGroup,
        plan: SelectPlan,
        database: String,
        policy: String?,
        condition: SeriesCondition,
        filterFields: Bool
    ) throws -> [Row] {
        if plan.fieldsToRead.count == 1, !filterFields, let field = plan.fieldsToRead.first {
            return try readRows(of: field, group, database: database, policy: policy, range: condition.timeRange)
        }
        var rows: [Row] = []
        let budget = QueryBudget.current
        for (index, series) in group.series.enumerated() {
            // Between series: KILL QUERY, the timeout, and an inline SELECT's move off the event loop take effect.
            try budget?.check()
            var merger = FieldColumnMerger(
                try plan.fieldsToRead.map { field in
                    let columns = try engine.read(
                        database: database, retentionPolicy: policy, seriesKey: series.key, field: field, in: condition.timeRange)
                    return (field, columns)
                })
            while let (time, fields) = merger.next() {
                if filterFields, let predicate = condition.predicate,
                    !(try RowPredicate.matches(predicate, fields: fields, tags: series.tags, patterns: condition.patterns))
                {
                    continue
                }
                rows.append(Row(time: time, series: index, fields: fields))
            }
        }
        rows.sort { ($0.time, $0.series) < ($1.time, $1.series) }
        try budget?.charge(points: rows.count)
        return rows
    }

    /// One field: each stored value is a row as it comes, no merging by time needed.
    private func readRows(of field: String, _ group: SeriesGroup, database: String, policy: String?, range: ClosedRange<Int64>) throws
        -> [Row]
    {
        var rows: [Row] = []
        let budget = QueryBudget.current
        for (index, series) in group.series.enumerated() {
            try budget?.check()
            for column in try engine.read(database: database, retentionPolicy: policy, seriesKey: series.key, field: field, in: range) {
                rows.reserveCapacity(rows.count + column.count)
                for position in 0..<column.count {
                    rows.append(Row(time: column.times[position], series: index, fields: RowFields(field, column.value(at: position))))
                }
            }
        }
        // Each series' rows are already in time order: the sort merges runs.
        rows.sort { ($0.time, $0.series) < ($1.time, $1.series) }
        try budget?.charge(points: rows.count)
        return rows
    }

    /// One output row per row that has at least one selected field: its time, then each column (a field, or a tag
    /// of the row's series).
    func raw(_ rows: [Row], _ group: SeriesGroup, _ plan: SelectPlan) -> [[ResultValue]] {
        var values: [[ResultValue]] = []
        values.reserveCapacity(rows.count)
        for row in rows {
            var hasField = false
            var cells: [ResultValue] = []
            cells.reserveCapacity(plan.columns.count + 1)
            cells.append(.time(row.time))
            for column in plan.columns {
                guard case .raw(let name) = column else {
                    cells.append(.null)
                    continue
                }
                if let value = row.fields[name] {
                    hasField = true
                    cells.append(ResultValue(value))
                } else {
                    cells.append(group.series[row.series].tags[name].map(ResultValue.string) ?? .null)
                }
            }
            if hasField { values.append(cells) }
        }
        return values
    }
}
