import InfluxQL
import Storage
import TimeSeries

/// `SHOW SERIES | MEASUREMENT | TAG KEY | TAG VALUES | FIELD KEY [EXACT] CARDINALITY`, answered as InfluxDB 1.8
/// answers them: a series or measurement estimate over the whole database (`cardinality estimation`, 0 for a
/// database that does not exist) when nothing narrows it, else exact counts, one row per measurement (and per
/// GROUP BY tag values) with a non-zero count. Sundial's index is exact, so the estimate is the exact number.
extension QueryExecutor {
    func showCardinality(_ statement: ShowSeriesStatement, database: String?, retentionPolicy: String?) throws -> [ResultSeries] {
        guard let database else { throw QueryError("database name required") }
        let narrowed =
            !statement.sources.isEmpty || statement.condition != nil || !statement.dimensions.isEmpty || (statement.limit ?? 0) != 0
            || (statement.offset ?? 0) != 0
        if statement.cardinality == .estimated, !narrowed, statement.kind == .series || statement.kind == .measurements {
            let measurements = engine.databaseInfo(database) == nil ? [] : try engine.measurementNames(database: database)
            let count =
                statement.kind == .measurements
                ? measurements.count : try measurements.reduce(0) { $0 + (try engine.series(database: database, measurement: $1).count) }
            return [ResultSeries(name: nil, columns: ["cardinality estimation"], values: [[.integer(Int64(count))]])]
        }
        guard let info = engine.databaseInfo(database) else { throw StorageError(.databaseNotFound, "database not found: \(database)") }
        let condition = try SeriesCondition(statement.condition, now: engine.configuration.clock())
        if statement.kind == .series && condition.hasTime {
            throw QueryError("SHOW SERIES EXACT CARDINALITY doesn't support time in WHERE clause")
        }
        let measurements = try measurements(statement.sources, database: database)
        if statement.kind == .measurements {
            let count = try measurements.filter { !(try matchingSeries($0, database: database, condition: condition)).isEmpty }.count
            return count == 0 ? [] : [ResultSeries(name: nil, columns: ["count"], values: [[.integer(Int64(count))]])]
        }
        let policy = statement.sources.first?.retentionPolicy ?? retentionPolicy ?? info.defaultRetentionPolicy
        var results: [ResultSeries] = []
        for measurement in measurements {
            let series = try matchingSeries(measurement, database: database, condition: condition)
            let fieldCount =
                statement.kind == .fieldKeys
                ? try engine.fields(database: database, measurement: measurement, retentionPolicy: policy).count : 0
            for (tags, members) in Self.grouped(series, by: statement.dimensions) {
                let count = try Self.count(statement.kind, in: members, fieldCount: fieldCount)
                guard count > 0 else { continue }
                results.append(
                    ResultSeries(name: measurement, tags: tags.isEmpty ? nil : tags, columns: ["count"], values: [[.integer(Int64(count))]])
                )
            }
        }
        return results
    }

    private static func count(_ kind: ShowSeriesStatement.Kind, in series: [(key: String, tags: [String: String])], fieldCount: Int) throws
        -> Int
    {
        switch kind {
        case .series: return series.count
        case .tagKeys: return Set(series.flatMap(\.tags.keys)).count
        case .tagValues(let selector):
            var values: Set<String> = []
            for entry in series {
                for (key, value) in entry.tags where try selects(selector, key) { values.insert(value) }
            }
            return values.count
        case .fieldKeys: return series.isEmpty ? 0 : fieldCount
        case .measurements: return series.isEmpty ? 0 : 1
        }
    }

    /// The series in groups of equal values of the GROUP BY tags (`*`: every tag), in order of those values.
    private static func grouped(
        _ series: [(key: String, tags: [String: String])], by dimensions: [SelectStatement.Dimension]
    ) -> [(tags: [String: String], series: [(key: String, tags: [String: String])])] {
        guard !dimensions.isEmpty else { return [([:], series)] }
        // `*` is every tag key of the measurement's series; a series without one groups under "".
        var keys = dimensions.compactMap { dimension -> String? in
            if case .tag(let name) = dimension { return name }
            return nil
        }
        if dimensions.contains(.wildcard) { keys += series.flatMap(\.tags.keys) }
        var groups: [[String: String]: [(key: String, tags: [String: String])]] = [:]
        for entry in series {
            var tags: [String: String] = [:]
            for key in keys { tags[key] = entry.tags[key] ?? "" }
            groups[tags, default: []].append(entry)
        }
        return groups.map { ($0.key, $0.value) }.sorted { left, right in
            let keys = Set(left.tags.keys).union(right.tags.keys).sorted()
            return keys.map { left.tags[$0] ?? "" }.lexicographicallyPrecedes(keys.map { right.tags[$0] ?? "" })
        }
    }
}
