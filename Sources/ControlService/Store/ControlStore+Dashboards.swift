import Foundation
import GRDB

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

    func dashboards() throws -> [DashboardJSON] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, document FROM dashboard ORDER BY id").map(Self.dashboard)
        }
    }

    func dashboard(_ id: Int64) throws -> DashboardJSON? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT id, document FROM dashboard WHERE id = ?", arguments: [id]).map(Self.dashboard)
        }
    }

    /// Stores a new dashboard; its id is the next one, whatever it carried.
    func createDashboard(_ dashboard: DashboardJSON) throws -> DashboardJSON {
        try database.write { db in
            try db.execute(
                sql: "INSERT INTO dashboard (organization, document) VALUES (?, ?)",
                arguments: [dashboard.organization, try Self.document(dashboard)])
            var created = dashboard
            created.id = db.lastInsertedRowID
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
