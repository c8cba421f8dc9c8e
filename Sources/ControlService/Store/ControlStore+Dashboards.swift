import Foundation
import GRDB
import Synchronization

/// Dashboards, each stored as its Chronograf JSON (cells and template variables together, as Chronograf keeps them).
extension ControlStore {
    static func registerDashboards(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("dashboards") { db in
            try db.create(table: "dashboard") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("organization", .text).notNull().defaults(to: "default")
                table.column("document", .text).notNull()
            }
        }
    }

    /// Stored dashboards and those of `.dashboard` files, by id.
    func dashboards() throws -> [DashboardJSON] {
        let stored = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, document FROM dashboard ORDER BY id").map(Self.dashboard)
        }
        return (stored + files.withLock(\.dashboards)).sorted { $0.id < $1.id }
    }

    func dashboard(_ id: Int64) throws -> DashboardJSON? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT id, document FROM dashboard WHERE id = ?", arguments: [id]).map(Self.dashboard)
        } ?? files.withLock { $0.dashboards.first { $0.id == id } }
    }

    /// The `.dashboard` file a dashboard comes from, if it does.
    func file(ofDashboard id: Int64) -> String? {
        files.withLock { $0.dashboardFiles[id] }
    }

    /// Stores a new dashboard; its id is the next after every stored one and every file's, whatever it carried.
    func createDashboard(_ dashboard: DashboardJSON) throws -> DashboardJSON {
        let fileMaximum = files.withLock { $0.dashboards.map(\.id).max() ?? 0 }
        return try database.write { db in
            let storedMaximum = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM dashboard") ?? 0
            var created = dashboard
            created.id = max(storedMaximum, fileMaximum) + 1
            try db.execute(
                sql: "INSERT INTO dashboard (id, organization, document) VALUES (?, ?, ?)",
                arguments: [created.id, created.organization, try Self.document(created)])
            return created
        }
    }

    /// Replaces a stored dashboard; false when there is none of its id.
    @discardableResult
    func updateDashboard(_ dashboard: DashboardJSON) throws -> Bool {
        try database.write { db in
            try db.execute(
                sql: "UPDATE dashboard SET organization = ?, document = ? WHERE id = ?",
                arguments: [dashboard.organization, try Self.document(dashboard), dashboard.id])
            return db.changesCount > 0
        }
    }

    func deleteDashboard(_ id: Int64) throws {
        try database.write { db in try db.execute(sql: "DELETE FROM dashboard WHERE id = ?", arguments: [id]) }
    }

    private static func document(_ dashboard: DashboardJSON) throws -> String {
        String(decoding: try JSONEncoder().encode(dashboard), as: UTF8.self)
    }

    private static func dashboard(_ row: Row) throws -> DashboardJSON {
        var dashboard = try JSONDecoder().decode(DashboardJSON.self, from: Data((row["document"] as String).utf8))
        dashboard.id = row["id"]
        return dashboard
    }
}
