import Foundation
import InfluxClient
import InfluxQL
import TimeSeries

/// Annotations kept where Chronograf keeps them, so both can share a source: points of `annotations` in the source's
/// `chronograf.autogen`, the end time as the point's time, `id` and the user's tags as tags, and `start_time`, `text`,
/// `color`, `modified_time_ns` and `deleted` as fields. A change writes the point again; a deletion writes
/// `deleted=true` over it. Reads keep, per id, the latest `modified_time_ns`, so a change interrupted between its two
/// writes leaves no duplicate.
struct AnnotationStore {
    static let database = "chronograf", retentionPolicy = "autogen", measurement = "annotations"
    let influx: RemoteInfluxDB
    var now: () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1e9) }

    /// Annotations ending at or after `from` and starting at or before `to` that match every filter, by start time.
    func all(from: Int64, to: Int64, filters: [InfluxQL.Expression]) async throws -> [Annotation] {
        var condition = "\"deleted\" = false AND time >= \(from) AND \"start_time\" <= \(to)"
        for filter in filters { condition += " AND " + StatementPrinter.print(filter) }
        return try await query(condition)
    }

    func get(_ id: String) async throws -> Annotation? {
        let match = StatementPrinter.print(.binary(.equal, .variable(VariableReference("id")), .string(id)))
        return try await query(match + " AND \"deleted\" = false").first
    }

    func add(_ annotation: Annotation) async throws {
        try await write([point(annotation, deleted: false)])
    }

    /// Writes the changed annotation and, where its series or time moved, deletes the point it replaces (Chronograf
    /// left the old point in place when only the tags changed; reads hid it, but a filter on the old tag found it).
    func update(_ annotation: Annotation, replacing current: Annotation) async throws {
        try await write([point(annotation, deleted: false)])
        if current.endTime != annotation.endTime || current.tags != annotation.tags {
            try await write([point(current, deleted: true)])
        }
    }

    func delete(_ annotation: Annotation) async throws {
        try await write([point(annotation, deleted: true)])
    }

    private func query(_ condition: String) async throws -> [Annotation] {
        let text = "SELECT * FROM \(Self.database).\(Self.retentionPolicy).\(Self.measurement) WHERE \(condition) ORDER BY time DESC"
        let result = try await influx.query(text).first
        if let error = result?.error {
            // Nothing was ever annotated on this source (Chronograf answered a 500 until the first annotation).
            if error.hasPrefix("database not found") { return [] }
            throw InfluxClientError.status(200, error)
        }
        var latest: [String: (annotation: Annotation, modified: Int64)] = [:]
        for series in result?.series ?? [] {
            for row in series.values {
                guard let (annotation, modified) = Self.annotation(columns: series.columns, row: row) else { continue }
                if let kept = latest[annotation.id], kept.modified >= modified { continue }
                latest[annotation.id] = (annotation, modified)
            }
        }
        return latest.values.map(\.annotation).sorted { ($0.startTime, $0.id) < ($1.startTime, $1.id) }
    }

    /// One row of `SELECT *`: every string column that is not one of the point's own names is a tag. A row missing
    /// a column the annotation needs is skipped.
    private static func annotation(columns: [String], row: [ResultValue]) -> (Annotation, Int64)? {
        var cells: [String: ResultValue] = [:]
        for (column, value) in zip(columns, row) { cells[column] = value }
        guard case .time(let end) = cells["time"], case .integer(let start) = cells["start_time"],
            case .integer(let modified) = cells["modified_time_ns"], case .string(let text) = cells["text"],
            case .string(let id) = cells["id"]
        else { return nil }
        var tags: [String: String] = [:]
        for (column, value) in cells where !Annotation.reservedTagKeys.contains(column) {
            if case .string(let text) = value { tags[column] = text }
        }
        var color = ""
        if case .string(let text) = cells["color"] { color = text }
        return (Annotation(id: id, startTime: start, endTime: end, text: text, color: color, tags: tags), modified)
    }

    private func point(_ annotation: Annotation, deleted: Bool) -> Point {
        var fields = [
            Field("deleted", .boolean(deleted)), Field("start_time", .integer(deleted ? 0 : annotation.startTime)),
            Field("modified_time_ns", .integer(now())), Field("text", .string(deleted ? "" : annotation.text)),
        ]
        if !deleted { fields.append(Field("color", .string(annotation.color))) }
        let tags = [Tag("id", annotation.id)] + annotation.tags.filter { !$0.value.isEmpty }.map { Tag($0.key, $0.value) }
        return Point(measurement: Self.measurement, tags: tags, fields: fields, timestamp: annotation.endTime)
    }

    /// Writes into `chronograf.autogen`, creating the database on first use as Chronograf does.
    private func write(_ points: [Point]) async throws {
        do {
            try await influx.write(points, database: Self.database, retentionPolicy: Self.retentionPolicy)
        } catch InfluxClientError.status(_, let message) where message.contains("database not found") {
            try await influx.createDatabase(Self.database, retentionPolicy: nil)
            try await influx.write(points, database: Self.database, retentionPolicy: Self.retentionPolicy)
        }
    }
}
