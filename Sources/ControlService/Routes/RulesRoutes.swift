import Foundation
import Hummingbird
import PipelineSpec

/// `/sources/{id}/kapacitors/{kid}/rules`: Chronograf's alert rules. A rule with a `query` becomes a generated
/// TICKscript task `chronograf-v1-<uuid>` on the Kapacitor (enabled); one without is a raw TICKscript task named
/// after the rule. Listing reads the Kapacitor's tasks back, with the rule JSON Sundial keeps for those it made.
struct RulesRoutes {
    let store: ControlStore

    func collection() -> RouteCollection<ControlRequestContext> {
        let routes = RouteCollection(context: ControlRequestContext.self)
        let base = "/chronograf/v1/sources/{id}/kapacitors/{kid}/rules"
        routes.get(RouterPath(base)) { request, context in try await list(request, context) }
        routes.post(RouterPath(base)) { request, context in try await create(request, context) }
        routes.get(RouterPath(base + "/{tid}")) { request, context in
            let (kapacitor, links) = try target(context)
            let taskID = try context.parameters.require("tid")
            let task = try await KapacitorTasksClient(kapacitor).expect("GET", KapacitorTasksClient.taskPath(taskID))
            let rule = try store.rule(kapacitorID: kapacitor.id ?? 0, taskID: taskID)
            return try SourceJSON.response(AlertRuleJSON.document(task: task, rule: rule, links: links))
        }
        routes.put(RouterPath(base + "/{tid}")) { request, context in try await replace(request, context) }
        // Sundial's addition: the TICKscript a rule would define, so the rule builder can show it before saving.
        routes.post(RouterPath(base + "/preview")) { request, context in
            _ = try target(context)
            let rule = try await SourceJSON.body(of: request)
            let definition = try Self.taskDefinition(for: rule, isNew: (rule["id"] as? String ?? "").isEmpty)
            return try SourceJSON.response(["tickscript": definition.body["script"] ?? "", "type": definition.body["type"] ?? "stream"])
        }
        routes.patch(RouterPath(base + "/{tid}")) { request, context in
            let (kapacitor, links) = try target(context)
            let status = try await SourceJSON.body(of: request)["status"] as? String ?? ""
            guard status == "enabled" || status == "disabled" else {
                throw ChronografError(.unprocessableContent, "invalid Kapacitor status: \(status)")
            }
            let taskID = try context.parameters.require("tid")
            let path = KapacitorTasksClient.taskPath(taskID)
            let task = try await KapacitorTasksClient(kapacitor).expect("PATCH", path, body: ["status": status])
            return try SourceJSON.response(
                AlertRuleJSON.document(task: task, rule: try store.rule(kapacitorID: kapacitor.id ?? 0, taskID: taskID), links: links))
        }
        routes.delete(RouterPath(base + "/{tid}")) { _, context in
            let (kapacitor, _) = try target(context)
            let taskID = try context.parameters.require("tid")
            _ = try await KapacitorTasksClient(kapacitor).expect("DELETE", KapacitorTasksClient.taskPath(taskID))
            try store.deleteRule(kapacitorID: kapacitor.id ?? 0, taskID: taskID)
            return Response(status: .noContent)
        }
        return routes
    }

    private func target(_ context: ControlRequestContext) throws -> (KapacitorRecord, AlertRuleJSON.Links) {
        let sourceID = try SourcesRoutes.id(context)
        let kapacitorID = try KapacitorsRoutes.kapacitorID(context)
        guard let kapacitor = try store.kapacitor(kapacitorID, of: sourceID) else { throw ChronografError.notFound(kapacitorID) }
        return (kapacitor, AlertRuleJSON.Links(base: "/chronograf/v1/sources/\(sourceID)/kapacitors/\(kapacitorID)"))
    }

    private func list(_ request: Request, _ context: ControlRequestContext) async throws -> Response {
        let (kapacitor, links) = try target(context)
        let parameters = request.uri.queryParameters
        var query: [(String, String)] = [("limit", parameters["limit"].map { String($0) } ?? "100000")]
        for name in ["offset", "pattern"] { if let value = parameters[Substring(name)] { query.append((name, String(value))) } }
        let answer = try await KapacitorTasksClient(kapacitor).expect("GET", "/tasks", query: query)
        let parse = parameters["parse"] != "0"
        var rules: [[String: Any]] = []
        for task in answer["tasks"] as? [[String: Any]] ?? [] {
            let stored = parse ? try store.rule(kapacitorID: kapacitor.id ?? 0, taskID: task["id"] as? String ?? "") : nil
            rules.append(AlertRuleJSON.document(task: task, rule: stored, links: links))
        }
        return try SourceJSON.response(["rules": rules])
    }

    private func create(_ request: Request, _ context: ControlRequestContext) async throws -> Response {
        let (kapacitor, links) = try target(context)
        let rule = try await SourceJSON.body(of: request)
        let definition = try Self.taskDefinition(for: rule, isNew: true)
        var body = definition.body
        body["id"] = definition.generated ? "chronograf-v1-" + UUID().uuidString.lowercased() : (rule["name"] as? String ?? "")
        body["status"] = rule["status"] as? String ?? "enabled"
        let task = try await KapacitorTasksClient(kapacitor).expect("POST", "/tasks", body: body)
        let taskID = task["id"] as? String ?? ""
        if definition.generated { try store.saveRule(AlertRuleJSON.stored(rule), kapacitorID: kapacitor.id ?? 0, taskID: taskID) }
        let document = AlertRuleJSON.document(task: task, rule: definition.generated ? rule : nil, links: links)
        return try SourceJSON.response(document, status: .created, location: links.rule(taskID))
    }

    /// Replaces the task's script: sent disabled, then enabled again if it was, as Chronograf does.
    private func replace(_ request: Request, _ context: ControlRequestContext) async throws -> Response {
        let (kapacitor, links) = try target(context)
        let taskID = try context.parameters.require("tid")
        let rule = try await SourceJSON.body(of: request)
        let client = KapacitorTasksClient(kapacitor)
        let path = KapacitorTasksClient.taskPath(taskID)
        let existing = try await client.expect("GET", path)
        let definition = try Self.taskDefinition(for: rule, isNew: false)
        var body = definition.body
        body["status"] = "disabled"
        var task = try await client.expect("PATCH", path, body: body)
        if existing["status"] as? String == "enabled" { task = try await client.expect("PATCH", path, body: ["status": "enabled"]) }
        if definition.generated {
            try store.saveRule(AlertRuleJSON.stored(rule), kapacitorID: kapacitor.id ?? 0, taskID: taskID)
        } else {
            try store.deleteRule(kapacitorID: kapacitor.id ?? 0, taskID: taskID)
        }
        return try SourceJSON.response(AlertRuleJSON.document(task: task, rule: definition.generated ? rule : nil, links: links))
    }

    /// The task body for a rule: generated from its `query`, or its own `tickscript`.
    static func taskDefinition(for rule: [String: Any], isNew: Bool) throws -> (body: [String: Any], generated: Bool) {
        if let query = rule["query"] as? [String: Any] {
            do {
                let (script, type) = try AlertRuleScript(rule: rule, isNew: isNew).generate()
                let dbrps = [["db": query["database"] as? String ?? "", "rp": query["retentionPolicy"] as? String ?? ""]]
                return (["type": type.rawValue, "dbrps": dbrps, "script": script], true)
            } catch {
                throw ChronografError(.unprocessableContent, error.description)
            }
        }
        guard let script = rule["tickscript"] as? String, !script.isEmpty else {
            throw ChronografError(.unprocessableContent, "a rule needs a query or a tickscript")
        }
        guard isNew == false || !(rule["name"] as? String ?? "").isEmpty else {
            throw ChronografError(.unprocessableContent, "name is required")
        }
        var body: [String: Any] = ["script": script]
        for key in ["type", "dbrps"] { if let value = rule[key] { body[key] = value } }
        return (body, false)
    }
}
