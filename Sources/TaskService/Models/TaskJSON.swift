import Foundation
import PipelineRuntime
import PipelineSpec
import TICKscript

/// Tasks and templates as Kapacitor's API shows them.
enum TaskJSON {
    /// Go's zero time, which Kapacitor shows as `last-enabled` of a task never enabled.
    static let zeroTime = "0001-01-01T00:00:00Z"

    static func task(_ task: TaskRecord, formatted: Bool, executing: ExecutingTask?) throws -> [String: Any] {
        let vars = try TaskDefinitions.decodeVars(task.vars)
        let statistics = executing?.statistics
        let pipeline = try? Pipeline.build(script: task.script, vars: vars)
        let dot = statistics.map { TaskStatsJSON.dot(name: task.id, statistics: $0) } ?? pipeline?.dot(name: task.id) ?? ""
        return [
            "link": link("tasks", task.id),
            "id": task.id,
            "template-id": task.templateID,
            "type": task.type,
            "dbrps": try jsonObject(task.dbrps),
            "script": formatted ? ((try? TickFormatter.format(task.script)) ?? task.script) : task.script,
            "vars": try jsonObject(task.vars),
            "dot": dot,
            "status": task.status,
            "executing": executing != nil,
            "error": task.error,
            "stats": statistics.map(TaskStatsJSON.stats) ?? [String: Any](),
            "created": timestamp(task.created),
            "modified": timestamp(task.modified),
            "last-enabled": task.lastEnabled.map(timestamp) ?? zeroTime,
        ]
    }

    static func template(_ template: TemplateRecord, formatted: Bool) throws -> [String: Any] {
        let pipeline = try? Pipeline.build(script: template.script, isTemplate: true)
        let vars = try TaskDefinitions.encode(pipeline?.vars ?? [:])
        return [
            "link": link("templates", template.id),
            "id": template.id,
            "type": template.type,
            "script": formatted ? ((try? TickFormatter.format(template.script)) ?? template.script) : template.script,
            "vars": try jsonObject(vars),
            "dot": pipeline?.dot(name: template.id) ?? "",
            "error": "",
            "created": timestamp(template.created),
            "modified": timestamp(template.modified),
        ]
    }

    static func link(_ collection: String, _ id: String) -> [String: String] {
        ["rel": "self", "href": "/kapacitor/v1/\(collection)/\(id)"]
    }

    private static func jsonObject(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    static func response(_ object: Any, status: Int = 200) throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }
}
