import Alerting
import Foundation
import Logging
import PipelineRuntime
import Synchronization

/// Handlers configured on topics through the API (`/alerts/topics/<topic>/handlers`): checked, stored, and made into
/// the `AlertHandler`s the topic registry runs for every event of their topic.
struct TopicHandlers: Sendable {
    let store: TaskStore
    let topics: TopicRegistry
    /// What handlers send through (`kapacitor.conf`'s services, where `log` handlers may write).
    let services: HandlerServices
    let logger: Logger
    /// The handlers running now, by what they were made from: a refresh keeps a handler whose record did not change,
    /// so a change to one handler of a topic does not lose another's state (an `aggregate`'s interval of events).
    private let running = RunningHandlers()

    init(store: TaskStore, topics: TopicRegistry, services: HandlerServices, logger: Logger) {
        self.store = store
        self.topics = topics
        self.services = services
        self.logger = logger
    }

    /// A handler from its API JSON (`id`, `kind`, `options`, `match`), for `topic`.
    func record(_ body: [String: Any], topic: String) throws -> TopicHandlerRecord {
        guard let id = body["id"] as? String, !id.isEmpty else { throw KapacitorError.badRequest("must provide a handler ID") }
        _ = try TaskDefinitions.checkedID(id, kind: "handler")
        guard let kind = body["kind"] as? String, AlertHandlerCatalog.kinds.contains(kind) else {
            throw KapacitorError.badRequest("invalid handler kind \"\(body["kind"] as? String ?? "")\"")
        }
        let options = body["options"] as? [String: Any] ?? [:]
        let data = try JSONSerialization.data(withJSONObject: options, options: [.sortedKeys])
        let record = TopicHandlerRecord(
            topic: topic, id: id, kind: kind, options: String(decoding: data, as: UTF8.self), match: body["match"] as? String ?? "")
        _ = try Self.handler(record, services: services, topics: topics, logger: Logger(label: "check"))
        return record
    }

    /// Loads every stored handler into the registry (at start).
    func loadAll() throws {
        for topic in Set(try store.topicHandlers().map(\.topic)) { try refresh(topic) }
    }

    /// Rebuilds a topic's handlers from the store, keeping the ones whose record is unchanged.
    func refresh(_ topic: String) throws {
        let records = try store.topicHandlers(topic)
        try running.refresh(topic) { kept in
            var handlers: [TopicHandlerRecord: any AlertHandler] = [:]
            for record in records {
                handlers[record] = try kept[record] ?? Self.handler(record, services: services, topics: topics, logger: logger)
            }
            topics.setHandlers(records.compactMap { handlers[$0] }, for: topic)
            return handlers
        }
    }

    static func options(_ record: TopicHandlerRecord) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(record.options.utf8)) as? [String: Any]) ?? [:]
    }

    private static func handler(
        _ record: TopicHandlerRecord, services: HandlerServices, topics: TopicRegistry, logger: Logger
    ) throws -> any AlertHandler {
        let handler: any AlertHandler
        if record.kind == "publish" {
            let targets = HandlerOptions(json: options(record)).strings("topics")
            guard !targets.isEmpty else { throw KapacitorError.badRequest("publish handler needs topics") }
            handler = PublishHandler(targets: targets, topics: topics)
        } else if record.kind == "aggregate" {
            handler = try AggregateHandler(id: record.id, options: HandlerOptions(json: options(record)), topics: topics)
        } else {
            handler = try make(record, services: services, logger: logger)
        }
        guard !record.match.isEmpty else { return handler }
        do {
            return MatchedHandler(match: try MatchExpression(record.match), handler: handler, logger: logger)
        } catch {
            throw KapacitorError.badRequest(error.description)
        }
    }

    private static func make(_ record: TopicHandlerRecord, services: HandlerServices, logger: Logger) throws -> any AlertHandler {
        do {
            return try AlertHandlerCatalog.make(
                kind: record.kind, options: HandlerOptions(json: options(record)), services: services,
                owner: "topic \(record.topic) handler \(record.id)", logger: logger)
        } catch {
            throw KapacitorError.badRequest(error.description)
        }
    }
}

/// The topic handlers running now, by topic and record.
private final class RunningHandlers: Sendable {
    private let handlers = Mutex<[String: [TopicHandlerRecord: any AlertHandler]]>([:])

    /// Replaces a topic's handlers with what `make` returns from the ones running now, one refresh at a time.
    func refresh(
        _ topic: String, _ make: ([TopicHandlerRecord: any AlertHandler]) throws -> [TopicHandlerRecord: any AlertHandler]
    ) throws {
        try handlers.withLock { handlers in
            let running = try make(handlers[topic] ?? [:])
            handlers[topic] = running.isEmpty ? nil : running
        }
    }
}
