public import Alerting
import Foundation
import GRDB

/// The latest state of every alert event, by topic, in SQLite (`<data-dir>/alerts.sqlite`): what lets alert nodes
/// pick up where they were after a restart.
public final class TopicStateStore: TopicStatePersistence {
    private let database: DatabaseQueue

    private struct Row: Codable, FetchableRecord, PersistableRecord {
        static let databaseTableName = "topic_event"
        var topic: String
        var id: String
        var level: String
        var message: String
        var details: String
        var time: Int64
        var duration: Int64
    }

    /// Opens (creating when missing) `path`; nil: in memory, for tests.
    public init(path: String?) throws {
        database = try path.map { try DatabaseQueue(path: $0) } ?? DatabaseQueue()
        var migrator = DatabaseMigrator()
        migrator.registerMigration("topic events") { db in
            try db.create(table: "topic_event") { table in
                for column in ["topic", "id", "level", "message", "details"] { table.column(column, .text).notNull() }
                for column in ["time", "duration"] { table.column(column, .integer).notNull() }
                table.primaryKey(["topic", "id"])
            }
        }
        try migrator.migrate(database)
    }

    public func load() throws -> [(topic: String, id: String, state: EventState)] {
        try database.read { db in try Row.fetchAll(db) }.map { row in
            let state = EventState(
                level: AlertLevel(name: row.level) ?? .ok, message: row.message, details: row.details, time: row.time,
                duration: row.duration)
            return (row.topic, row.id, state)
        }
    }

    public func save(_ states: [(topic: String, id: String, state: EventState)]) throws {
        try database.write { db in
            for entry in states {
                let state = entry.state
                try Row(
                    topic: entry.topic, id: entry.id, level: state.level.description, message: state.message, details: state.details,
                    time: state.time, duration: state.duration
                ).save(db)
            }
        }
    }

    public func delete(topic: String) throws {
        _ = try database.write { db in try Row.filter(Column("topic") == topic).deleteAll(db) }
    }
}
