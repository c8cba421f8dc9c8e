import Foundation
import GRDB

/// A handler configured through the API on an alert topic: its kind (`log`, `post`, …), options as JSON text, and
/// its match expression (evaluated by `MatchedHandler`).
struct TopicHandlerRecord: Codable, Hashable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "topic_handler"

    var topic: String
    var id: String
    var kind: String
    var options: String
    var match: String
}

extension TaskStore {
    func topicHandlers(_ topic: String? = nil) throws -> [TopicHandlerRecord] {
        try database.read { db in
            let request = TopicHandlerRecord.order(Column("topic"), Column("id"))
            return try (topic.map { request.filter(Column("topic") == $0) } ?? request).fetchAll(db)
        }
    }

    func topicHandler(_ topic: String, _ id: String) throws -> TopicHandlerRecord? {
        try database.read { db in try TopicHandlerRecord.fetchOne(db, key: ["topic": topic, "id": id]) }
    }

    /// Inserts a handler; false when the topic already has one with that id.
    func insert(_ handler: TopicHandlerRecord) throws -> Bool {
        try database.write { db in
            guard try TopicHandlerRecord.fetchOne(db, key: ["topic": handler.topic, "id": handler.id]) == nil else { return false }
            try handler.insert(db)
            return true
        }
    }

    func save(_ handler: TopicHandlerRecord) throws {
        try database.write { db in try handler.save(db) }
    }

    func deleteTopicHandler(_ topic: String, _ id: String) throws {
        _ = try database.write { db in try TopicHandlerRecord.deleteOne(db, key: ["topic": topic, "id": id]) }
    }

    func deleteTopicHandlers(_ topic: String) throws {
        _ = try database.write { db in try TopicHandlerRecord.filter(Column("topic") == topic).deleteAll(db) }
    }
}
