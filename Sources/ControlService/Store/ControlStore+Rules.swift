import Foundation
import GRDB

/// The rule JSON of alert rules, by Kapacitor connection and the task id the rule became. (The embedded tasks
/// service is connection 0 whatever port it listens on.)
extension ControlStore {
    func rule(kapacitorID: Int64, taskID: String) throws -> [String: Any]? {
        let text = try database.read { db in
            try String.fetchOne(
                db, sql: "SELECT document FROM alertRule WHERE kapacitorID = ? AND taskID = ?", arguments: [kapacitorID, taskID])
        }
        return text.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    func saveRule(_ rule: [String: Any], kapacitorID: Int64, taskID: String) throws {
        let text = String(decoding: try JSONSerialization.data(withJSONObject: rule, options: [.sortedKeys]), as: UTF8.self)
        try database.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO alertRule (kapacitorID, taskID, document) VALUES (?, ?, ?)",
                arguments: [kapacitorID, taskID, text])
        }
    }

    func deleteRule(kapacitorID: Int64, taskID: String) throws {
        try database.write { db in
            try db.execute(sql: "DELETE FROM alertRule WHERE kapacitorID = ? AND taskID = ?", arguments: [kapacitorID, taskID])
        }
    }
}
