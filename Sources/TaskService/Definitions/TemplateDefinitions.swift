import Foundation
import HTTPTypes
import PipelineSpec

/// Templates: scripts whose `var x type` vars tasks fill. Changing a template rebuilds every task made from it,
/// all or nothing, as Kapacitor does.
struct TemplateDefinitions: Sendable {
    let store: TaskStore

    func create(_ options: TemplateOptions) throws -> TemplateRecord {
        let id = try TaskDefinitions.checkedID(options.id, kind: "template")
        guard let script = options.script, !script.isEmpty else { throw KapacitorError.badRequest("must provide TICKscript") }
        let now = Date()
        var template = TemplateRecord(id: id, type: "", script: script, created: now, modified: now)
        template.type = try Self.check(script, type: options.type).type.rawValue
        guard try store.insert(template) else { throw KapacitorError.badRequest("template \(id) already exists") }
        return template
    }

    func patch(_ id: String, with options: TemplateOptions) throws -> TemplateRecord {
        guard var template = try store.template(id) else { throw KapacitorError(.notFound, "no template exists") }
        if let newID = options.id, newID != id { throw KapacitorError.badRequest("a template's id cannot be changed (\(id) → \(newID))") }
        template.script = options.script ?? template.script
        let checked = try Self.check(template.script, type: options.type ?? template.type)
        template.type = checked.type.rawValue
        template.modified = Date()
        let tasks = TaskDefinitions(store: store)
        var rebuilt: [TaskRecord] = []
        for var task in try store.tasks(ofTemplate: id) {
            task.script = template.script
            do {
                try tasks.rebuild(
                    &task, type: template.type, dbrps: checked.dbrps.isEmpty ? try storedDBRPs(task) : nil,
                    vars: try TaskDefinitions.decodeVars(task.vars))
            } catch let error as KapacitorError {
                throw KapacitorError.badRequest("task \(task.id) from this template would break: \(error.message)")
            }
            task.modified = template.modified
            rebuilt.append(task)
        }
        try store.update(template, tasks: rebuilt)
        return template
    }

    /// A template's tasks keep the dbrps they were given (a template is not meant to name them).
    private func storedDBRPs(_ task: TaskRecord) throws -> [DBRP] {
        try JSONDecoder().decode([DBRP].self, from: Data(task.dbrps.utf8))
    }

    static func check(_ script: String, type: String?) throws -> Pipeline {
        do {
            let pipeline = try Pipeline.build(script: script, type: TaskDefinitions.checkedType(type), isTemplate: true)
            try BatchQueryCheck.validate(pipeline)
            return pipeline
        } catch let error as PipelineError {
            throw KapacitorError.badRequest("invalid TICKscript: \(error)")
        }
    }
}
