public import InfluxQL
import RE2Regex
import Storage
import TimeSeries

/// DROP MEASUREMENT, DROP SERIES, DELETE, and SHOW SERIES / TAG KEYS / TAG VALUES / FIELD KEYS.
extension QueryExecutor {
    func dropMeasurement(_ name: String, database: String?) async throws {
        guard let database else { throw QueryError("database name required") }
        guard engine.databaseInfo(database) != nil else { throw StorageError(.databaseNotFound, "database not found: \(database)") }
        try await engine.dropMeasurement(database: database, name: name)
    }

    func deleteSeries(_ statement: DeleteSeriesStatement, database: String?) async throws {
        guard let database else { throw QueryError("database name required") }
        guard engine.databaseInfo(database) != nil else { throw StorageError(.databaseNotFound, "database not found: \(database)") }
        let condition = try SeriesCondition(statement.condition, now: engine.configuration.clock())
        if statement.dropsSeries && condition.hasTime { throw QueryError("DROP SERIES doesn't support time in WHERE clause") }
        var keys: [String] = []
        for measurement in try measurements(statement.sources, database: database) {
            if statement.dropsSeries, let predicate = condition.predicate {
                let fields = Set(try engine.fields(database: database, measurement: measurement).map(\.name))
                if !TagPredicate.names(in: predicate).isDisjoint(with: fields) {
                    throw QueryError("DROP SERIES doesn't support fields in WHERE clause")
                }
            }
            keys += try matchingSeries(measurement, database: database, condition: condition).map(\.key)
        }
        // A DELETE over all of time leaves nothing of the series, so, as InfluxDB does, it leaves the index too.
        try await engine.deleteSeries(
            database: database, seriesKeys: keys, in: condition.timeRange, dropSeries: statement.dropsSeries || !condition.hasTime)
    }

    /// Whether every statement is answered from the series index alone: SHOW MEASUREMENTS, SERIES, TAG KEYS and TAG
    /// VALUES read nothing else (their time conditions select nothing), so an answer to them stays true while
    /// `StorageEngine.indexVersion()` is unchanged. Not SHOW FIELD KEYS: field types live in the shards.
    public static func answersFromIndexAlone(_ statements: [Statement]) -> Bool {
        !statements.isEmpty
            && statements.allSatisfy { statement in
                switch statement {
                case .showMeasurements: true
                case .showSeries(let show): show.kind != .fieldKeys
                default: false
                }
            }
    }

    /// SHOW SERIES, TAG KEYS and TAG VALUES read the database's index; SHOW FIELD KEYS the fields of one retention
    /// policy (the sources', else `retentionPolicy`, else the default one), as InfluxDB keeps fields per shard.
    func showSeries(_ statement: ShowSeriesStatement, database: String?, retentionPolicy: String? = nil) throws -> [ResultSeries] {
        if statement.cardinality != nil { return try showCardinality(statement, database: database, retentionPolicy: retentionPolicy) }
        guard let database else { throw QueryError("database name required") }
        guard let info = engine.databaseInfo(database) else { throw StorageError(.databaseNotFound, "database not found: \(database)") }
        let policy = statement.sources.first?.retentionPolicy ?? retentionPolicy ?? info.defaultRetentionPolicy
        let condition = try SeriesCondition(statement.condition, now: engine.configuration.clock())
        let measurements = try measurements(statement.sources, database: database)
        switch statement.kind {
        case .series:
            var keys: [String] = []
            for measurement in measurements {
                keys += try matchingSeries(measurement, database: database, condition: condition).map(\.key)
            }
            let page: [String] = Self.page(keys.sorted(), statement)
            return page.isEmpty ? [] : [ResultSeries(name: nil, columns: ["key"], values: page.map { [ResultValue.string($0)] })]
        case .tagKeys:
            return try measurements.compactMap { measurement in
                let series = try matchingSeries(measurement, database: database, condition: condition)
                let keys = Self.page(Set(series.flatMap(\.tags.keys)).sorted(), statement)
                return keys.isEmpty ? nil : ResultSeries(name: measurement, columns: ["tagKey"], values: keys.map { [.string($0)] })
            }
        case .tagValues(let selector):
            return try measurements.compactMap { measurement in
                var pairs: [TagPair] = []
                if condition.predicate == nil {
                    // No tag condition: the index knows each key's values, already in order, without looking at series.
                    let keys = try engine.tagKeys(database: database, measurement: measurement).filter { try Self.selects(selector, $0) }
                    let valuesByKey = try engine.tagValues(database: database, measurement: measurement, keys: keys)
                    for key in valuesByKey.keys.sorted(by: { $0.precedesInByteOrder($1) }) {
                        pairs += valuesByKey[key, default: []].map { TagPair(key: key, value: $0) }
                    }
                } else {
                    var found: Set<TagPair> = []
                    for entry in try matchingSeries(measurement, database: database, condition: condition) {
                        for (key, value) in entry.tags where try Self.selects(selector, key) {
                            found.insert(TagPair(key: key, value: value))
                        }
                    }
                    pairs = found.sorted()
                }
                let rows = Self.page(pairs, statement)
                return rows.isEmpty
                    ? nil
                    : ResultSeries(
                        name: measurement, columns: ["key", "value"], values: rows.map { [.string($0.key), .string($0.value)] })
            }
        case .fieldKeys:
            return try measurements.compactMap { measurement in
                let fields = Self.page(try engine.fields(database: database, measurement: measurement, retentionPolicy: policy), statement)
                return fields.isEmpty
                    ? nil
                    : ResultSeries(
                        name: measurement, columns: ["fieldKey", "fieldType"],
                        values: fields.map { [.string($0.name), .string($0.type.description)] }
                    )
            }
        case .measurements: return []  // only parsed with CARDINALITY, answered above
        }
    }

    /// The measurements named or matched by FROM sources; all of the database's when there are none.
    func measurements(_ sources: [MeasurementSource], database: String) throws -> [String] {
        let all = try engine.measurementNames(database: database)
        guard !sources.isEmpty else { return all }
        var selected: [String] = []
        for source in sources {
            if let name = source.name {
                if all.contains(name) && !selected.contains(name) { selected.append(name) }
            } else if let pattern = source.regex {
                let regex = try RE2Regex(pattern)
                for name in all where regex.matches(name) && !selected.contains(name) { selected.append(name) }
            }
        }
        return selected
    }

    func matchingSeries(_ measurement: String, database: String, condition: SeriesCondition) throws -> [(
        key: String, tags: [String: String]
    )] {
        let series = try engine.series(database: database, measurement: measurement)
        guard let predicate = condition.predicate else { return series }
        return try series.filter { try TagPredicate.matches(predicate, tags: $0.tags, patterns: condition.patterns) }
    }

    static func selects(_ selector: ShowSeriesStatement.KeySelector, _ key: String) throws -> Bool {
        switch selector {
        case .equals(let name): key == name
        case .notEquals(let name): key != name
        case .matches(let pattern): try RE2Regex(pattern).matches(key)
        case .notMatches(let pattern): try !RE2Regex(pattern).matches(key)
        case .among(let names): names.contains(key)
        }
    }

    private static func page<T>(_ items: [T], _ statement: ShowSeriesStatement) -> [T] {
        let limit = statement.limit.map { $0 > 0 ? $0 : Int.max } ?? Int.max
        return Array(items.dropFirst(statement.offset ?? 0).prefix(limit))
    }
}

/// One row of `SHOW TAG VALUES`, in its order: by key, then value, comparing bytes as InfluxDB (Go) does.
private struct TagPair: Hashable, Comparable {
    let key: String
    let value: String

    static func < (lhs: TagPair, rhs: TagPair) -> Bool {
        if lhs.key != rhs.key { return lhs.key.precedesInByteOrder(rhs.key) }
        return lhs.value.precedesInByteOrder(rhs.value)
    }
}
