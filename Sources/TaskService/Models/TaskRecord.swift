import Foundation
import GRDB

/// A task definition as stored: Kapacitor's task fields, with `dbrps` and `vars` as JSON text.
struct TaskRecord: Codable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "task"

    var id: String
    var templateID = ""
    var type: String
    var dbrps: String
    var script: String
    var vars: String
    var status: String
    var error = ""
    var created: Date
    var modified: Date
    /// Nil until the task is first enabled (the API shows Go's zero time then, as Kapacitor does).
    var lastEnabled: Date?
}

/// A template as stored.
struct TemplateRecord: Codable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "template"

    var id: String
    var type: String
    var script: String
    var created: Date
    var modified: Date
}
