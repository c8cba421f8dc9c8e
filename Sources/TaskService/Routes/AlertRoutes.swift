import Alerting
import Hummingbird
import TimeSeries

/// `/kapacitor/v1/alerts/topics`: the alert topics the running tasks publish to, and their events, in Kapacitor's
/// JSON (`min-level`, `pattern`). Their handlers are `TopicHandlerRoutes`'.
struct AlertRoutes {
    let handlers: TopicHandlers
    var topics: TopicRegistry { handlers.topics }

    func collection() -> RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.get("alerts/topics") { request, _ in
            let minimum = try Self.minimumLevel(request)
            let pattern = request.uri.queryParameters.get("pattern").flatMap { $0.isEmpty ? nil : $0 }
            let summaries = topics.summaries(minimumLevel: minimum) { id in pattern.map { GlobPattern.matches(id, pattern: $0) } ?? true }
            return try TaskRoutes.json(["link": Self.link("alerts/topics"), "topics": summaries.map(Self.topicJSON)])
        }
        routes.get("alerts/topics/{topic}") { _, context in
            let id = try context.parameters.require("topic")
            guard let summary = topics.summary(id) else { throw KapacitorError(.notFound, "topic \"\(id)\" does not exist") }
            return try TaskRoutes.json(Self.topicJSON(summary))
        }
        routes.delete("alerts/topics/{topic}") { _, context in
            // A topic goes with its events and its handlers, as in Kapacitor.
            let topic = try context.parameters.require("topic")
            topics.delete(topic)
            try handlers.store.deleteTopicHandlers(topic)
            try handlers.refresh(topic)
            return Response(status: .noContent)
        }
        routes.get("alerts/topics/{topic}/events") { request, context in
            let id = try context.parameters.require("topic")
            guard let events = topics.events(topic: id, minimumLevel: try Self.minimumLevel(request)) else {
                throw KapacitorError(.notFound, "topic \"\(id)\" does not exist")
            }
            return try TaskRoutes.json([
                "link": Self.link("alerts/topics/\(id)/events"), "topic": id,
                "events": events.map { Self.eventJSON(topic: id, id: $0.id, state: $0.state) },
            ])
        }
        // Event ids often hold slashes (`kapacitor/cpu/serverA`): the rest of the path is the id.
        routes.get("alerts/topics/{topic}/events/**") { _, context in
            let topic = try context.parameters.require("topic")
            let id = context.parameters.getCatchAll().joined(separator: "/")
            guard let state = topics.state(topic: topic, eventID: id) else {
                throw KapacitorError(.notFound, "event \"\(id)\" does not exist")
            }
            return try TaskRoutes.json(Self.eventJSON(topic: topic, id: id, state: state))
        }
        return routes
    }

    private static func minimumLevel(_ request: Request) throws -> AlertLevel {
        guard let name = request.uri.queryParameters.get("min-level"), !name.isEmpty else { return .ok }
        guard let level = AlertLevel(name: name) else { throw KapacitorError.badRequest("invalid min-level \"\(name)\"") }
        return level
    }

    static func link(_ path: String) -> [String: String] { ["rel": "self", "href": "/kapacitor/v1/\(path)"] }

    static func topicJSON(_ topic: TopicRegistry.Summary) -> [String: Any] {
        [
            "link": link("alerts/topics/\(topic.id)"), "id": topic.id, "level": topic.level.description, "collected": topic.collected,
            "events-link": ["rel": "events", "href": "/kapacitor/v1/alerts/topics/\(topic.id)/events"],
            "handlers-link": ["rel": "handlers", "href": "/kapacitor/v1/alerts/topics/\(topic.id)/handlers"],
        ]
    }

    static func eventJSON(topic: String, id: String, state: EventState) -> [String: Any] {
        [
            "link": link("alerts/topics/\(topic)/events/\(id)"), "id": id,
            "state": [
                "level": state.level.description, "message": state.message, "details": state.details,
                "time": GoTime.rfc3339Nano(state.time), "duration": GoDuration.format(nanoseconds: state.duration),
            ],
        ]
    }
}
