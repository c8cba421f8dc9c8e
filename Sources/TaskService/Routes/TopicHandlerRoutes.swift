import Alerting
import Foundation
import Hummingbird

/// `/kapacitor/v1/alerts/topics/<topic>/handlers[/<id>]`: handlers configured on a topic, as Kapacitor's API keeps
/// them (`{"link","id","kind","options","match"}`), stored in SQLite and run for every event of the topic. Secrets in
/// options (passwords, tokens, authorization headers) are never returned.
struct TopicHandlerRoutes {
    let handlers: TopicHandlers
    var store: TaskStore { handlers.store }

    func collection() -> RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.get("alerts/topics/{topic}/handlers") { _, context in
            let topic = try context.parameters.require("topic")
            return try TaskRoutes.json([
                "link": AlertRoutes.link("alerts/topics/\(topic)/handlers"), "topic": topic,
                "handlers": try store.topicHandlers(topic).map(Self.json),
            ])
        }
        routes.post("alerts/topics/{topic}/handlers") { request, context in
            let topic = try context.parameters.require("topic")
            let record = try handlers.record(try await Self.body(request), topic: topic)
            guard try store.insert(record) else { throw KapacitorError.badRequest("handler \(record.id) already exists") }
            try handlers.refresh(topic)
            return try TaskRoutes.json(Self.json(record))
        }
        routes.get("alerts/topics/{topic}/handlers/{id}") { _, context in
            try TaskRoutes.json(Self.json(try existing(context)))
        }
        routes.put("alerts/topics/{topic}/handlers/{id}") { request, context in
            let old = try existing(context)
            var body = try await Self.body(request)
            body["id"] = body["id"] ?? old.id
            return try replace(old, with: try handlers.record(body, topic: old.topic))
        }
        routes.patch("alerts/topics/{topic}/handlers/{id}") { request, context in
            let old = try existing(context)
            let data = Data((try await request.body.collect(upTo: 1 << 20)).readableBytesView)
            guard let operations = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
                throw KapacitorError.badRequest("invalid JSON patch: expected an array of operations")
            }
            var document: [String: Any] = ["id": old.id, "kind": old.kind, "options": TopicHandlers.options(old), "match": old.match]
            for operation in operations { try JSONPatch.apply(operation, to: &document) }
            return try replace(old, with: try handlers.record(document, topic: old.topic))
        }
        routes.delete("alerts/topics/{topic}/handlers/{id}") { _, context in
            let topic = try context.parameters.require("topic")
            try store.deleteTopicHandler(topic, try context.parameters.require("id"))
            try handlers.refresh(topic)
            return Response(status: .noContent)
        }
        return routes
    }

    private func existing(_ context: BasicRequestContext) throws -> TopicHandlerRecord {
        let topic = try context.parameters.require("topic")
        let id = try context.parameters.require("id")
        guard let record = try store.topicHandler(topic, id) else { throw KapacitorError(.notFound, "handler \(id) does not exist") }
        return record
    }

    private func replace(_ old: TopicHandlerRecord, with new: TopicHandlerRecord) throws -> Response {
        if new.id != old.id { try store.deleteTopicHandler(old.topic, old.id) }
        try store.save(new)
        try handlers.refresh(old.topic)
        return try TaskRoutes.json(Self.json(new))
    }

    private static func body(_ request: Request) async throws -> [String: Any] {
        let data = Data((try await request.body.collect(upTo: 1 << 20)).readableBytesView)
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw KapacitorError.badRequest("invalid JSON: expected an object with id, kind and options")
        }
        return object
    }

    static func json(_ record: TopicHandlerRecord) -> [String: Any] {
        [
            "link": AlertRoutes.link("alerts/topics/\(record.topic)/handlers/\(record.id)"), "id": record.id, "kind": record.kind,
            "options": redacted(TopicHandlers.options(record)), "match": record.match,
        ]
    }

    /// Options with secret values blanked: keys naming a password, token, secret or key, every header value (headers
    /// carry API keys under any name), and the password of a URL (`https://user:password@host`).
    static func redacted(_ options: [String: Any]) -> [String: Any] {
        var result: [String: Any] = [:]
        for (key, value) in options {
            let lower = key.lowercased()
            if ["password", "token", "secret", "key", "authorization"].contains(where: lower.contains) {
                result[key] = ""
            } else if lower == "headers", let headers = value as? [String: Any] {
                result[key] = headers.mapValues { _ in "" }
            } else if let nested = value as? [String: Any] {
                result[key] = redacted(nested)
            } else if let text = value as? String, var url = URLComponents(string: text), url.password != nil {
                url.password = "REDACTED"
                result[key] = url.string ?? ""
            } else {
                result[key] = value
            }
        }
        return result
    }
}

/// The JSON Patch (RFC 6902) operations Kapacitor's handler PATCH takes, on a handler's one-level document:
/// `add`, `replace` and `remove` at `/kind`, `/match`, `/options` and `/options/<name>`.
enum JSONPatch {
    static func apply(_ operation: [String: Any], to document: inout [String: Any]) throws {
        guard let op = operation["op"] as? String, let path = operation["path"] as? String, path.hasPrefix("/") else {
            throw KapacitorError.badRequest("invalid JSON patch operation: needs op and path")
        }
        let parts = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
        let value = operation["value"]
        switch (op, parts.count) {
        case ("add", 1), ("replace", 1): document[parts[0]] = value
        case ("remove", 1): document[parts[0]] = nil
        case ("add", 2), ("replace", 2), ("remove", 2):
            var inner = document[parts[0]] as? [String: Any] ?? [:]
            inner[parts[1]] = op == "remove" ? nil : value
            document[parts[0]] = inner
        default: throw KapacitorError.badRequest("unsupported JSON patch operation \(op) \(path)")
        }
    }
}
