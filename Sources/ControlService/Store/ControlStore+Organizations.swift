import GRDB
import Synchronization

/// Organizations: the `default` one made at first start, those created through the API ("1", "2", …), and those
/// from `.org` files, which are read-only.
extension ControlStore {
    static let roles: Set<String> = ["member", "reader", "viewer", "editor", "admin"]

    func organizations() throws -> [OrganizationRecord] {
        let stored = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, defaultRole FROM organization").map {
                OrganizationRecord(id: $0["id"], name: $0["name"], defaultRole: $0["defaultRole"])
            }
        }
        let fromFiles = files.withLock(\.organizations).filter { file in !stored.contains { $0.id == file.id } }
        return (stored + fromFiles).sorted { Self.orderKey($0.id) < Self.orderKey($1.id) }
    }

    func organization(_ id: String) throws -> OrganizationRecord? {
        try organizations().first { $0.id == id }
    }

    func isFileOrganization(_ id: String) throws -> Bool {
        let stored = try database.read { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM organization WHERE id = ?", arguments: [id]) }
        return stored == nil && files.withLock { $0.organizations.contains { $0.id == id } }
    }

    func createOrganization(name: String, defaultRole: String) throws -> OrganizationRecord {
        try database.write { db in
            let ids = try String.fetchAll(db, sql: "SELECT id FROM organization").compactMap { Int($0) }
            let fileIDs = files.withLock { $0.organizations.compactMap { Int($0.id) } }
            let record = OrganizationRecord(id: String(((ids + fileIDs).max() ?? 0) + 1), name: name, defaultRole: defaultRole)
            try db.execute(
                sql: "INSERT INTO organization (id, name, defaultRole) VALUES (?, ?, ?)",
                arguments: [record.id, record.name, record.defaultRole])
            return record
        }
    }

    func updateOrganization(_ record: OrganizationRecord) throws {
        try database.write { db in
            try db.execute(
                sql: "UPDATE organization SET name = ?, defaultRole = ? WHERE id = ?",
                arguments: [record.name, record.defaultRole, record.id])
        }
    }

    func deleteOrganization(_ id: String) throws {
        try database.write { db in try db.execute(sql: "DELETE FROM organization WHERE id = ?", arguments: [id]) }
    }

    /// `default` first, then numeric ids in order, then the rest.
    private static func orderKey(_ id: String) -> (Int, Int, String) {
        if id == "default" { return (0, 0, id) }
        if let number = Int(id) { return (1, number, "") }
        return (2, 0, id)
    }
}
