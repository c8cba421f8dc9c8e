import Foundation
import GRDB

/// The control plane's state in SQLite (GRDB): sources and their Kapacitor connections. Every change runs in one
/// transaction, so "exactly one default source" and "deleting a source deletes its Kapacitors" always hold.
final class ControlStore: Sendable {
    let database: DatabaseQueue

    /// Opens (creating when missing) `path`; nil path: in memory, for tests.
    init(path: String?) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        database = try path.map { try DatabaseQueue(path: $0, configuration: configuration) } ?? DatabaseQueue(configuration: configuration)
        try Self.migrator.migrate(database)
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("sources and kapacitors") { db in
            try db.create(table: "source") { table in
                table.autoIncrementedPrimaryKey("id")
                for column in ["name", "type", "username", "password", "sharedSecret", "metaURL", "defaultRP", "role", "version"] {
                    table.column(column, .text).notNull().defaults(to: "")
                }
                table.column("url", .text).notNull()
                table.column("insecureSkipVerify", .boolean).notNull().defaults(to: false)
                table.column("isDefault", .boolean).notNull().defaults(to: false)
                table.column("telegraf", .text).notNull().defaults(to: "telegraf")
                table.column("organization", .text).notNull().defaults(to: "default")
            }
            try db.create(table: "kapacitor") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("sourceID", .integer).notNull().references("source", onDelete: .cascade)
                for column in ["name", "url", "username", "password"] { table.column(column, .text).notNull().defaults(to: "") }
                table.column("insecureSkipVerify", .boolean).notNull().defaults(to: false)
                table.column("active", .boolean).notNull().defaults(to: false)
                table.column("organization", .text).notNull().defaults(to: "default")
            }
        }
        return migrator
    }

    func sources() throws -> [SourceRecord] {
        try database.read { db in try SourceRecord.order(Column("id")).fetchAll(db) }
    }

    func source(_ id: Int64) throws -> SourceRecord? {
        try database.read { db in try SourceRecord.fetchOne(db, key: id) }
    }

    /// Inserts or updates; a default source clears the flag on the others of its organization, and an
    /// organization's first source becomes its default.
    @discardableResult
    func save(_ source: SourceRecord) throws -> SourceRecord {
        try database.write { db in
            var record = source
            let others = try SourceRecord.filter(Column("organization") == record.organization).fetchAll(db).filter { $0.id != record.id }
            if others.isEmpty { record.isDefault = true }
            if record.isDefault {
                for var other in others where other.isDefault {
                    other.isDefault = false
                    try other.update(db)
                }
            }
            try record.save(db)
            return record
        }
    }

    /// Deletes the source and its Kapacitors; when it was the default, the oldest other source of its organization
    /// becomes the default. False when there was no such source.
    func deleteSource(_ id: Int64) throws -> Bool {
        try database.write { db in
            guard let source = try SourceRecord.fetchOne(db, key: id) else { return false }
            try SourceRecord.deleteOne(db, key: id)
            if source.isDefault,
                var next = try SourceRecord.filter(Column("organization") == source.organization).order(Column("id")).fetchOne(db)
            {
                next.isDefault = true
                try next.update(db)
            }
            return true
        }
    }

    func kapacitors(of sourceID: Int64) throws -> [KapacitorRecord] {
        try database.read { db in try KapacitorRecord.filter(Column("sourceID") == sourceID).order(Column("id")).fetchAll(db) }
    }

    func kapacitor(_ id: Int64, of sourceID: Int64) throws -> KapacitorRecord? {
        try database.read { db in try KapacitorRecord.filter(Column("id") == id && Column("sourceID") == sourceID).fetchOne(db) }
    }

    /// Inserts or updates; an active Kapacitor makes the source's others inactive.
    @discardableResult
    func save(_ kapacitor: KapacitorRecord) throws -> KapacitorRecord {
        try database.write { db in
            var record = kapacitor
            try record.save(db)
            if record.active {
                for var other in try KapacitorRecord.filter(Column("sourceID") == record.sourceID && Column("id") != record.id!).fetchAll(
                    db)
                where other.active {
                    other.active = false
                    try other.update(db)
                }
            }
            return record
        }
    }

    func deleteKapacitor(_ id: Int64, of sourceID: Int64) throws -> Bool {
        try database.write { db in
            try KapacitorRecord.filter(Column("id") == id && Column("sourceID") == sourceID).deleteAll(db) > 0
        }
    }
}
