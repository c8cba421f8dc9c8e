import Foundation
import GRDB
import SundialConfig

/// The config API's overrides (`POST /kapacitor/v1/config/…`), kept so they are applied again at every start, in
/// the order they were made (a created element's place in its list).
extension TaskStore {
    func configOverrides() throws -> [ConfigOverride] {
        try database.read(Self.configOverrides)
    }

    /// The overrides stored at `path` (a tasks database), read without creating or changing anything: none when there
    /// is no such file or it has no overrides yet. For `sundial config` and `check-config`.
    static func configOverrides(atPath path: String) throws -> [ConfigOverride] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: path, configuration: configuration).read { db in
            try db.tableExists("config_override") ? try configOverrides(db) : []
        }
    }

    private static func configOverrides(_ db: Database) throws -> [ConfigOverride] {
        try Row.fetchAll(db, sql: "SELECT section, element, options, created FROM config_override ORDER BY position").map { row in
            let options = try JSONDecoder().decode([String: ConfigJSON].self, from: Data((row["options"] as String).utf8))
            return ConfigOverride(section: row["section"], element: row["element"], options: options, isCreated: row["created"])
        }
    }

    /// Makes `overrides` the section's overrides, in their order, in one transaction.
    func replaceConfigOverrides(section: String, with overrides: [ConfigOverride]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let rows = try overrides.map { ($0, String(decoding: try encoder.encode($0.options), as: UTF8.self)) }
        try database.write { db in
            try db.execute(sql: "DELETE FROM config_override WHERE section = ?", arguments: [section])
            for (override, options) in rows {
                try db.execute(
                    sql: "INSERT INTO config_override (section, element, options, created) VALUES (?, ?, ?, ?)",
                    arguments: [override.section, override.element, options, override.isCreated])
            }
        }
    }
}
