import Synchronization

/// Alert topics and the latest state of every event in each (Kapacitor's alert service): alert nodes publish to
/// their anonymous topic (`<task>:<node>`) and to any `.topic(name)`; the API lists topics and events and configures
/// handlers on topics, which get every event published there.
///
/// Thread-safe. With a `TopicStatePersistence` the latest state of every event outlives a restart (Kapacitor's
/// `[alert] persist-topics`, on by default): alert nodes seed their groups from it, so a restarted task neither
/// re-fires an unchanged level nor loses a recovery. Changed states are written in the background, at most once a
/// second, newest state per event.
public final class TopicRegistry: Sendable {
    /// The `.inhibit()`s of every running alert node (they act across tasks, as the topics do).
    public let inhibitors = InhibitorRegistry()

    /// A topic as listed: its id, the highest level of its events, and how many events it collected.
    public struct Summary: Sendable, Equatable {
        public let id: String
        public let level: AlertLevel
        public let collected: Int64
    }

    private struct Topic {
        var events: [String: EventState] = [:]
        var collected: Int64 = 0
        var level: AlertLevel { events.values.map(\.level).max() ?? .ok }
    }

    private let topics = Mutex<[String: Topic]>([:])
    /// Handlers configured through the API, by topic: they get every event of their topic.
    private let configuredHandlers = Mutex<[String: [any AlertHandler]]>([:])

    private let persistence: (any TopicStatePersistence)?
    /// Event states changed since the last write: "topic\0id" → state.
    private let unsaved = Mutex<[String: (topic: String, id: String, state: EventState)]>([:])

    /// A registry kept in memory only.
    public init() {
        persistence = nil
    }

    /// A registry that starts from the states `persistence` kept, and keeps writing to it.
    public init(persistence: any TopicStatePersistence) throws {
        self.persistence = persistence
        let saved = try persistence.load()
        topics.withLock { topics in
            for entry in saved { topics[entry.topic, default: Topic()].events[entry.id] = entry.state }
        }
    }

    /// Stores an event's state in its topic (creating the topic) and counts it.
    public func collect(_ event: AlertEvent) {
        topics.withLock { topics in
            topics[event.topic, default: Topic()].events[event.id] = event.state
            topics[event.topic, default: Topic()].collected += 1
        }
        if persistence != nil {
            unsaved.withLock { $0[event.topic + "\u{0}" + event.id] = (event.topic, event.id, event.state) }
        }
    }

    /// Writes the states changed since the last call (the service calls it every second and at shutdown).
    public func saveChanges() throws {
        guard let persistence else { return }
        let changes = unsaved.withLock { pending in
            defer { pending.removeAll() }
            return Array(pending.values)
        }
        if !changes.isEmpty { try persistence.save(changes) }
    }

    /// The stored state of an event, if its topic has one.
    public func state(topic: String, eventID: String) -> EventState? {
        topics.withLock { $0[topic]?.events[eventID] }
    }

    /// Topics whose level is at least `minimumLevel`, sorted by id, optionally filtered by a glob `pattern`.
    public func summaries(minimumLevel: AlertLevel = .ok, matching filter: (String) -> Bool = { _ in true }) -> [Summary] {
        topics.withLock { topics in
            topics.compactMap { id, topic in
                let level = topic.level
                guard level >= minimumLevel, filter(id) else { return nil }
                return Summary(id: id, level: level, collected: topic.collected)
            }
        }.sorted { $0.id < $1.id }
    }

    public func summary(_ id: String) -> Summary? {
        topics.withLock { topics in topics[id].map { Summary(id: id, level: $0.level, collected: $0.collected) } }
    }

    /// A topic's events at or above `minimumLevel`, sorted by id; nil when the topic does not exist.
    public func events(topic: String, minimumLevel: AlertLevel = .ok) -> [(id: String, state: EventState)]? {
        topics.withLock { topics in
            guard let found = topics[topic] else { return nil }
            return found.events.filter { $0.value.level >= minimumLevel }.map { ($0.key, $0.value) }.sorted { $0.id < $1.id }
        }
    }

    /// The API-configured handlers of a topic.
    public func handlers(for topic: String) -> [any AlertHandler] {
        configuredHandlers.withLock { $0[topic] ?? [] }
    }

    /// Replaces the API-configured handlers of a topic; a topic with handlers exists even before its first event.
    public func setHandlers(_ handlers: [any AlertHandler], for topic: String) {
        configuredHandlers.withLock { $0[topic] = handlers.isEmpty ? nil : handlers }
        if !handlers.isEmpty { topics.withLock { if $0[topic] == nil { $0[topic] = Topic() } } }
    }

    /// Removes a topic and its events; false when there was none.
    @discardableResult
    public func delete(_ topic: String) -> Bool {
        unsaved.withLock { pending in pending = pending.filter { $0.value.topic != topic } }
        try? persistence?.delete(topic: topic)
        return topics.withLock { $0.removeValue(forKey: topic) != nil }
    }
}

/// Where topic event states are kept between runs.
public protocol TopicStatePersistence: Sendable {
    func load() throws -> [(topic: String, id: String, state: EventState)]
    func save(_ states: [(topic: String, id: String, state: EventState)]) throws
    func delete(topic: String) throws
}
