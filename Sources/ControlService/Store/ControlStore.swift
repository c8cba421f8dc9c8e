import Foundation
import GRDB
import Synchronization

/// The control plane's state: sources and their Kapacitor connections in SQLite (GRDB), beside those read from
/// resource files at start-up, which the API shows but does not change. Every change runs in one transaction, so
/// "one default source per organization" and "deleting a source deletes its Kapacitors" always hold.
final class ControlStore: Sendable {
    let database: DatabaseQueue
    /// What the resource files gave; their default and active flags follow later changes made through the API.
    let files: Mutex<ResourceFiles>

    /// Opens (creating when missing) `path`; nil path: in memory, for tests.
    init(path: String?) throws {
        database = try path.map { try DatabaseQueue(path: $0) } ?? DatabaseQueue()
        files = Mutex(ResourceFiles())
        try Self.migrator.migrate(database)
    }

    /// Takes the resource files' sources and Kapacitors; a file's default source becomes its organization's default.
    func adopt(_ loaded: ResourceFiles) throws {
        files.withLock { $0 = loaded }
        for source in loaded.sources where source.isDefault {
            try database.write { db in
                try SourceRecord.filter(Column("organization") == source.organization).updateAll(db, Column("isDefault").set(to: false))
            }
        }
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
                // No foreign key: a Kapacitor may belong to a source from a resource file.
                table.column("sourceID", .integer).notNull().indexed()
                for column in ["name", "url", "username", "password"] { table.column(column, .text).notNull().defaults(to: "") }
                table.column("insecureSkipVerify", .boolean).notNull().defaults(to: false)
                table.column("active", .boolean).notNull().defaults(to: false)
                table.column("organization", .text).notNull().defaults(to: "default")
            }
        }
        migrator.registerMigration("organizations") { db in
            try db.create(table: "organization") { table in
                table.primaryKey("id", .text)
                table.column("name", .text).notNull()
                table.column("defaultRole", .text).notNull().defaults(to: "member")
            }
            try db.execute(sql: "INSERT INTO organization (id, name, defaultRole) VALUES ('default', 'Default', 'member')")
        }
        migrator.registerMigration("alert rules") { db in
            // The rule JSON behind each task Sundial generated, so listing gives the rule back (Chronograf
            // reverse-parses the TICKscript instead).
            try db.create(table: "alertRule") { table in
                table.column("kapacitorID", .integer).notNull()
                table.column("taskID", .text).notNull()
                table.column("document", .text).notNull()
                table.primaryKey(["kapacitorID", "taskID"])
            }
        }
        migrator.registerMigration("users and config") { db in
            try db.create(table: "user") { table in
                table.autoIncrementedPrimaryKey("id")
                for column in ["name", "provider", "scheme"] { table.column(column, .text).notNull() }
                table.column("superAdmin", .boolean).notNull().defaults(to: false)
                table.column("rolesJSON", .text).notNull().defaults(to: "[]")
                table.uniqueKey(["name", "provider", "scheme"])
            }
            try db.create(table: "config") { table in
                table.primaryKey("key", .text)
                table.column("value", .text).notNull()
            }
            try db.create(table: "mapping") { table in
                table.primaryKey("id", .text)
                for column in ["organizationId", "provider", "scheme", "providerOrganization"] { table.column(column, .text).notNull() }
            }
            try db.execute(sql: "INSERT INTO mapping VALUES ('default', 'default', '*', '*', '*')")
        }
        registerDashboards(&migrator)
        return migrator
    }

    /// Saves every stored connection again, so passwords kept before a credentials key was configured are sealed.
    func sealStoredCredentials() throws {
        try database.write { db in
            for source in try SourceRecord.fetchAll(db) { try source.update(db) }
            for kapacitor in try KapacitorRecord.fetchAll(db) { try kapacitor.update(db) }
        }
    }

    /// Whether some stored password is sealed (then the credentials key must be configured to use it).
    func hasSealedCredentials() throws -> Bool {
        try database.read { db in
            try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM source WHERE password LIKE 'sealed:%' OR sharedSecret LIKE 'sealed:%')
                        OR EXISTS (SELECT 1 FROM kapacitor WHERE password LIKE 'sealed:%')
                    """) ?? false
        }
    }

    func sources() throws -> [SourceRecord] {
        let stored = try database.read { db in try SourceRecord.order(Column("id")).fetchAll(db) }
        return (stored + files.withLock(\.sources)).sorted { ($0.id ?? 0) < ($1.id ?? 0) }
    }

    func source(_ id: Int64) throws -> SourceRecord? {
        try database.read { db in try SourceRecord.fetchOne(db, key: id) } ?? files.withLock { $0.sources.first { $0.id == id } }
    }

    /// The resource file a source comes from, if it does.
    func file(ofSource id: Int64) -> String? {
        files.withLock { $0.sourceFiles[id] }
    }

    func file(ofKapacitor id: Int64) -> String? {
        files.withLock { $0.kapacitorFiles[id] }
    }

    /// Inserts or updates; a default source clears the flag on the others of its organization, and an
    /// organization's first source becomes its default.
    @discardableResult
    func save(_ source: SourceRecord) throws -> SourceRecord {
        let fileIDs = files.withLock { $0.sources.compactMap(\.id) }
        if source.isDefault {
            files.withLock { files in
                for index in files.sources.indices where files.sources[index].organization == source.organization {
                    files.sources[index].isDefault = false
                }
            }
        }
        return try database.write { db in
            var record = source
            if record.id == nil { record.id = try Self.nextID(db, table: "source", fileIDs: fileIDs) }
            let others = try SourceRecord.filter(Column("organization") == record.organization).fetchAll(db).filter { $0.id != record.id }
            if others.isEmpty && !fileDefaultExists(record.organization) { record.isDefault = true }
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
            try KapacitorRecord.filter(Column("sourceID") == id).deleteAll(db)
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
        let stored = try database.read { db in try KapacitorRecord.filter(Column("sourceID") == sourceID).order(Column("id")).fetchAll(db) }
        return (stored + files.withLock { $0.kapacitors.filter { $0.sourceID == sourceID } }).sorted { ($0.id ?? 0) < ($1.id ?? 0) }
    }

    func kapacitor(_ id: Int64, of sourceID: Int64) throws -> KapacitorRecord? {
        try database.read { db in try KapacitorRecord.filter(Column("id") == id && Column("sourceID") == sourceID).fetchOne(db) }
            ?? files.withLock { $0.kapacitors.first { $0.id == id && $0.sourceID == sourceID } }
    }

    private func fileDefaultExists(_ organization: String) -> Bool {
        files.withLock { $0.sources.contains { $0.organization == organization && $0.isDefault } }
    }

    /// Inserts or updates; an active Kapacitor makes the source's others inactive.
    @discardableResult
    func save(_ kapacitor: KapacitorRecord) throws -> KapacitorRecord {
        let fileIDs = files.withLock { $0.kapacitors.compactMap(\.id) }
        if kapacitor.active {
            files.withLock { files in
                for index in files.kapacitors.indices where files.kapacitors[index].sourceID == kapacitor.sourceID {
                    files.kapacitors[index].active = false
                }
            }
        }
        return try database.write { db in
            var record = kapacitor
            if record.id == nil { record.id = try Self.nextID(db, table: "kapacitor", fileIDs: fileIDs) }
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

    /// A new record's id: after every id in use, stored or from files, so a new record never hides a file's.
    private static func nextID(_ db: Database, table: String, fileIDs: [Int64]) throws -> Int64 {
        let stored = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM \(table)") ?? 0
        return max(stored, fileIDs.max() ?? 0) + 1
    }

    func deleteKapacitor(_ id: Int64, of sourceID: Int64) throws -> Bool {
        try database.write { db in
            try KapacitorRecord.filter(Column("id") == id && Column("sourceID") == sourceID).deleteAll(db) > 0
        }
    }
}
