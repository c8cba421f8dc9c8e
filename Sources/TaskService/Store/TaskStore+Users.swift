import Foundation
import GRDB

/// The tasks API's users (`[auth] enabled`), kept beside the task definitions.
extension TaskStore {
    func users() throws -> [KapacitorUser] {
        try database.read { db in try Row.fetchAll(db, sql: "SELECT * FROM user ORDER BY name").map(Self.user) }
    }

    func user(_ name: String) throws -> KapacitorUser? {
        try database.read { db in try Row.fetchOne(db, sql: "SELECT * FROM user WHERE name = ?", arguments: [name]).map(Self.user) }
    }

    func hasUsers() throws -> Bool {
        try database.read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM user)") ?? false }
    }

    /// Inserts or replaces the user.
    func save(_ user: KapacitorUser) throws {
        let permissions = String(decoding: try JSONEncoder().encode(user.permissions), as: UTF8.self)
        try database.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO user (name, hash, admin, permissions) VALUES (?, ?, ?, ?)",
                arguments: [user.name, user.passwordHash, user.isAdmin, permissions])
        }
    }

    func deleteUser(_ name: String) throws {
        try database.write { db in try db.execute(sql: "DELETE FROM user WHERE name = ?", arguments: [name]) }
    }

    private static func user(_ row: Row) -> KapacitorUser {
        let permissions =
            (try? JSONDecoder().decode([KapacitorUser.Permission].self, from: Data((row["permissions"] as String).utf8))) ?? []
        return KapacitorUser(name: row["name"], passwordHash: row["hash"], isAdmin: row["admin"], permissions: permissions)
    }
}
