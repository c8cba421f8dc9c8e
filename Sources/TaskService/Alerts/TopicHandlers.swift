import Alerting
import Foundation
import Logging

/// Handlers configured on topics through the API (`/alerts/topics/<topic>/handlers`): checked, stored, and made into
/// the `AlertHandler`s the topic registry runs for every event of their topic.
struct TopicHandlers: Sendable {
    let store: TaskStore
    let topics: TopicRegistry
    /// Where `log` handlers may write.
    let logFiles: LogFilePolicy
    let logger: Logger

    /// Kapacitor's handler kinds (SPEC-kapacitor.md §3.3); `log` and `post` send, the others log events as not sent.
    static let kinds: Set<String> = [
        "aggregate", "alerta", "bigpanda", "discord", "exec", "hipchat", "kafka", "log", "mqtt", "opsgenie", "opsgenie2", "pagerduty",
        "pagerduty2", "post", "publish", "pushover", "sensu", "servicenow", "slack", "smtp", "snmptrap", "talk", "tcp", "teams",
        "telegram", "victorops", "zenoss",
    ]

    /// A handler from its API JSON (`id`, `kind`, `options`, `match`), for `topic`.
    func record(_ body: [String: Any], topic: String) throws -> TopicHandlerRecord {
        guard let id = body["id"] as? String, !id.isEmpty else { throw KapacitorError.badRequest("must provide a handler ID") }
        _ = try TaskDefinitions.checkedID(id, kind: "handler")
        guard let kind = body["kind"] as? String, Self.kinds.contains(kind) else {
            throw KapacitorError.badRequest("invalid handler kind \"\(body["kind"] as? String ?? "")\"")
        }
        let options = body["options"] as? [String: Any] ?? [:]
        let data = try JSONSerialization.data(withJSONObject: options, options: [.sortedKeys])
        let record = TopicHandlerRecord(
            topic: topic, id: id, kind: kind, options: String(decoding: data, as: UTF8.self), match: body["match"] as? String ?? "")
        _ = try Self.handler(record, logFiles: logFiles, logger: Logger(label: "check"))
        return record
    }

    /// Loads every stored handler into the registry (at start).
    func loadAll() throws {
        for topic in Set(try store.topicHandlers().map(\.topic)) { try refresh(topic) }
    }

    /// Rebuilds a topic's handlers from the store.
    func refresh(_ topic: String) throws {
        topics.setHandlers(try store.topicHandlers(topic).map { try Self.handler($0, logFiles: logFiles, logger: logger) }, for: topic)
    }

    static func options(_ record: TopicHandlerRecord) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(record.options.utf8)) as? [String: Any]) ?? [:]
    }

    private static func handler(_ record: TopicHandlerRecord, logFiles: LogFilePolicy, logger: Logger) throws -> any AlertHandler {
        let options = options(record)
        switch record.kind {
        case "log":
            guard let path = options["path"] as? String, !path.isEmpty else {
                throw KapacitorError.badRequest("log handler needs a path option")
            }
            do {
                return try LogHandler(path: path, mode: options["mode"] as? Int ?? 0o600, policy: logFiles, logger: logger)
            } catch {
                throw KapacitorError.badRequest(error.description)
            }
        case "post":
            guard let url = options["url"] as? String, !url.isEmpty else {
                throw KapacitorError.badRequest("post handler needs a url option (configured endpoints are not supported yet)")
            }
            let headers = (options["headers"] as? [String: String] ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            return PostHandler(url: url, headers: headers, logger: logger)
        default:
            return NotSentHandler(kind: record.kind, owner: "topic \(record.topic) handler \(record.id)", logger: logger)
        }
    }
}
