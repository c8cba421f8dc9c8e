import InfluxQL
import LineProtocol
import Storage
import TimeSeries

/// `SELECT … INTO [[db.]rp.]measurement` (or `db.rp.:MEASUREMENT`, each result into the measurement it came from):
/// the results written as points instead of returned, as InfluxDB does:
/// `GROUP BY` tags stay tags, every other column (tags selected as values too) becomes a field, null cells are
/// left out and rows without any value are not written. The answer is the number of points written.
extension QueryExecutor {
    func selectInto(_ statement: SelectStatement, target: MeasurementSource, context: Context) async throws -> [ResultSeries] {
        guard let database = target.database ?? context.database else { throw QueryError("database name required") }
        guard engine.databaseInfo(database) != nil else { throw StorageError(.databaseNotFound, "database not found: \(database)") }
        var source = statement
        source.target = nil
        // As InfluxDB: fill(null) becomes fill(none) with a target, so an empty interval writes nothing (not even
        // count()'s 0).
        if source.fill == .null { source.fill = .none }
        let lines = Self.lines(from: try await selectAnySource(source, context: context), measurement: target.name)
        var written = 0
        if !lines.isEmpty {
            let outcome = try await engine.write(
                lines, database: database, retentionPolicy: target.retentionPolicy, precision: .nanoseconds)
            if let message = outcome.errorMessage { throw QueryError(message) }
            written = outcome.pointsWritten
        }
        return [ResultSeries(name: "result", columns: ["time", "written"], values: [[.time(0), .integer(Int64(written))]])]
    }

    /// Result series as line protocol: tags from the series and from the `tagColumns` cells, a field per other
    /// non-null cell, rows without any left out; the measurement is `measurement` or each series' own name.
    static func lines(from series: [ResultSeries], measurement: String?, tagColumns: Set<String> = []) -> [UInt8] {
        var lines: [UInt8] = []
        for result in series {
            let groupTags = (result.tags ?? [:]).filter { !$0.value.isEmpty }.map { Tag($0.key, $0.value) }
            for row in result.values {
                guard case .time(let time) = row.first else { continue }
                var tags = groupTags
                var fields: [Field] = []
                for (name, value) in zip(result.columns.dropFirst(), row.dropFirst()) {
                    if tagColumns.contains(name) {
                        if case .string(let text) = value, !text.isEmpty, result.tags?[name] == nil { tags.append(Tag(name, text)) }
                    } else if let field = value.fieldValue {
                        fields.append(Field(name, field))
                    }
                }
                guard !fields.isEmpty else { continue }
                let point = Point(measurement: measurement ?? result.name ?? "", tags: tags, fields: fields, timestamp: time)
                LineProtocolEncoder.append(point, to: &lines)
            }
        }
        return lines
    }

}
