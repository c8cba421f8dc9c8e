import Foundation
import GRDB

/// Task and template definitions in SQLite (GRDB) under the data directory, so they are back after a restart.
final class TaskStore: Sendable {
    let database: DatabaseQueue

    /// Opens (creating when missing) `path`; nil path: in memory, for tests.
    init(path: String?) throws {
        database = try path.map { try DatabaseQueue(path: $0) } ?? DatabaseQueue()
        try Self.migrator.migrate(database)
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("tasks and templates") { db in
            try db.create(table: "task") { table in
                table.primaryKey("id", .text)
                table.column("templateID", .text).notNull().defaults(to: "").indexed()
                for column in ["type", "dbrps", "script", "vars", "status", "error"] { table.column(column, .text).notNull() }
                table.column("created", .datetime).notNull()
                table.column("modified", .datetime).notNull()
                table.column("lastEnabled", .datetime)
            }
            try db.create(table: "template") { table in
                table.primaryKey("id", .text)
                for column in ["type", "script"] { table.column(column, .text).notNull() }
                table.column("created", .datetime).notNull()
                table.column("modified", .datetime).notNull()
            }
        }
        migrator.registerMigration("task start journal") { db in
            try db.create(table: "task_start") { table in
                table.primaryKey("id", .text)
                table.column("started", .datetime).notNull()
                table.column("attempts", .integer).notNull()
            }
        }
        migrator.registerMigration("topic handlers") { db in
            try db.create(table: "topic_handler") { table in
                for column in ["topic", "id", "kind", "options", "match"] { table.column(column, .text).notNull() }
                table.primaryKey(["topic", "id"])
            }
        }
        migrator.registerMigration("users") { db in
            try db.create(table: "user") { table in
                table.primaryKey("name", .text)
                table.column("hash", .text).notNull()
                table.column("admin", .boolean).notNull()
                table.column("permissions", .text).notNull()
            }
        }
        migrator.registerMigration("config overrides") { db in
            try db.create(table: "config_override") { table in
                table.autoIncrementedPrimaryKey("position")
                for column in ["section", "element", "options"] { table.column(column, .text).notNull() }
                table.column("created", .boolean).notNull()
                table.uniqueKey(["section", "element"])
            }
        }
        return migrator
    }

    // MARK: The start journal

    /// Notes, durably, that `id` is starting, counting the starts in a row that never finished: if the process dies
    /// before `finishedStarting(id)`, the next start-up finds the count in `interruptedStarts()`.
    func beginStarting(_ id: String) throws {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO task_start (id, started, attempts) VALUES (?, ?, 1)
                    ON CONFLICT(id) DO UPDATE SET started = excluded.started, attempts = attempts + 1
                    """,
                arguments: [id, Date()])
        }
    }

    func finishedStarting(_ id: String) throws {
        try database.write { db in try db.execute(sql: "DELETE FROM task_start WHERE id = ?", arguments: [id]) }
    }

    /// Tasks whose last starts never finished (the process died during them): when the last began, and how many
    /// starts in a row did not finish.
    func interruptedStarts() throws -> [(id: String, started: Date, attempts: Int)] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, started, attempts FROM task_start ORDER BY id").map {
                ($0["id"], $0["started"], $0["attempts"])
            }
        }
    }

    func tasks() throws -> [TaskRecord] {
        try database.read { db in try TaskRecord.order(Column("id")).fetchAll(db) }
    }

    func task(_ id: String) throws -> TaskRecord? {
        try database.read { db in try TaskRecord.fetchOne(db, key: id) }
    }

    func tasks(ofTemplate id: String) throws -> [TaskRecord] {
        try database.read { db in try TaskRecord.filter(Column("templateID") == id).order(Column("id")).fetchAll(db) }
    }

    /// Inserts a new task; false when the id is taken.
    func insert(_ task: TaskRecord) throws -> Bool {
        try database.write { db in
            guard try !TaskRecord.exists(db, key: task.id) else { return false }
            try task.insert(db)
            return true
        }
    }

    func update(_ task: TaskRecord) throws {
        try database.write { db in try task.update(db) }
    }

    func deleteTask(_ id: String) throws {
        _ = try database.write { db in try TaskRecord.deleteOne(db, key: id) }
    }

    func templates() throws -> [TemplateRecord] {
        try database.read { db in try TemplateRecord.order(Column("id")).fetchAll(db) }
    }

    func template(_ id: String) throws -> TemplateRecord? {
        try database.read { db in try TemplateRecord.fetchOne(db, key: id) }
    }

    func insert(_ template: TemplateRecord) throws -> Bool {
        try database.write { db in
            guard try !TemplateRecord.exists(db, key: template.id) else { return false }
            try template.insert(db)
            return true
        }
    }

    /// Saves a changed template and the tasks rebuilt from it in one transaction: all or nothing.
    func update(_ template: TemplateRecord, tasks: [TaskRecord]) throws {
        try database.write { db in
            try template.update(db)
            for task in tasks { try task.update(db) }
        }
    }

    func deleteTemplate(_ id: String) throws {
        _ = try database.write { db in try TemplateRecord.deleteOne(db, key: id) }
    }
}
