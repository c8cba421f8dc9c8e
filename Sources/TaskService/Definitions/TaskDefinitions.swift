import Foundation
import HTTPTypes
import PipelineSpec

/// Creating and changing task definitions as Kapacitor's task store does: ids checked, the script built and
/// checked with its vars, dbrps from the body or from `dbrp` statements (not both), type from the script.
struct TaskDefinitions: Sendable {
    let store: TaskStore

    func create(_ options: TaskOptions) throws -> TaskRecord {
        let id = try Self.checkedID(options.id, kind: "task")
        let vars = options.vars ?? [:]
        let (script, templateID) = try scriptSource(options)
        let status = try Self.checkedStatus(options.status ?? "disabled")
        let now = Date()
        var task = TaskRecord(
            id: id, templateID: templateID, type: "", dbrps: "[]", script: script, vars: try Self.encode(vars), status: status,
            created: now, modified: now, lastEnabled: status == "enabled" ? now : nil)
        try rebuild(&task, type: options.type, dbrps: options.dbrps, vars: vars)
        guard try store.insert(task) else { throw KapacitorError.badRequest("task \(id) already exists") }
        return task
    }

    func patch(_ id: String, with options: TaskOptions) throws -> TaskRecord {
        guard var task = try store.task(id) else { throw KapacitorError(.notFound, "no task exists") }
        let explicitDBRPs = try explicitDBRPs(of: task)
        if let newID = options.id, newID != id { throw KapacitorError.badRequest("a task's id cannot be changed (\(id) → \(newID))") }
        if let templateID = options.templateID, !templateID.isEmpty {
            guard let template = try store.template(templateID) else { throw KapacitorError.badRequest("unknown template \(templateID)") }
            task.templateID = templateID
            task.script = template.script
        } else if let script = options.script {
            task.script = script
            task.templateID = ""
        }
        let vars = try options.vars ?? Self.decodeVars(task.vars)
        task.vars = try Self.encode(vars)
        try rebuild(&task, type: options.type ?? task.type, dbrps: options.dbrps ?? explicitDBRPs, vars: vars)
        if let status = options.status {
            let checked = try Self.checkedStatus(status)
            if checked == "enabled" && task.status != "enabled" { task.lastEnabled = Date() }
            task.status = checked
        }
        task.modified = Date()
        try store.update(task)
        return task
    }

    /// Builds the task's pipeline from its script and vars and fills in its type, dbrps and the checker's verdict.
    func rebuild(_ task: inout TaskRecord, type: String?, dbrps explicit: [DBRP]?, vars: [String: TaskVar]) throws {
        let declaredType = try Self.checkedType(type)
        let pipeline: Pipeline
        do {
            pipeline = try Pipeline.build(script: task.script, type: declaredType, vars: vars)
            try BatchQueryCheck.validate(pipeline)
        } catch {
            throw KapacitorError.badRequest("invalid TICKscript: \(error)")
        }
        let explicit = explicit ?? []
        if !explicit.isEmpty && !pipeline.dbrps.isEmpty {
            throw KapacitorError.badRequest("cannot specify dbrp in both implicitly and explicitly")
        }
        let dbrps = explicit.isEmpty ? pipeline.dbrps : explicit
        guard !dbrps.isEmpty else { throw KapacitorError.badRequest("must specify dbrp") }
        // A loopback into a dbrp the task reads would feed the task its own output forever.
        for node in pipeline.nodes where node.definition.method == "kapacitorLoopback" {
            if case .string(let db)? = node.property("database")?.first, case .string(let rp)? = node.property("retentionPolicy")?.first,
                dbrps.contains(DBRP(db: db, rp: rp))
            {
                throw KapacitorError.badRequest("invalid TICKscript: loop detected on dbrp: \(DBRP(db: db, rp: rp))")
            }
        }
        task.type = pipeline.type.rawValue
        task.dbrps = try Self.encode(dbrps)
        task.error = ""
    }

    /// The dbrps the task was given in the API rather than by `dbrp` statements in its script.
    private func explicitDBRPs(of task: TaskRecord) throws -> [DBRP]? {
        let stored = try JSONDecoder().decode([DBRP].self, from: Data(task.dbrps.utf8))
        let inScript = (try? Pipeline.build(script: task.script, vars: Self.decodeVars(task.vars)).dbrps) ?? []
        return inScript.isEmpty ? stored : nil
    }

    private func scriptSource(_ options: TaskOptions) throws -> (script: String, templateID: String) {
        if let templateID = options.templateID, !templateID.isEmpty {
            guard options.script == nil else { throw KapacitorError.badRequest("cannot specify both a template-id and a script") }
            guard let template = try store.template(templateID) else { throw KapacitorError.badRequest("unknown template \(templateID)") }
            return (template.script, templateID)
        }
        guard let script = options.script, !script.isEmpty else { throw KapacitorError.badRequest("must provide TICKscript") }
        return (script, "")
    }

    static func checkedID(_ id: String?, kind: String) throws -> String {
        guard let id, !id.isEmpty else { return UUID().uuidString.lowercased() }
        let valid = id.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-._".unicodeScalars.contains($0)
        }
        guard valid else { throw KapacitorError.badRequest("\(kind) ID must contain only letters, numbers, '-', '.' and '_'. \"\(id)\"") }
        return id
    }

    static func checkedType(_ type: String?) throws -> TaskType? {
        guard let type, !type.isEmpty else { return nil }
        guard let known = TaskType(rawValue: type) else { throw KapacitorError.badRequest("unknown type \"\(type)\"; use stream or batch") }
        return known
    }

    private static func checkedStatus(_ status: String) throws -> String {
        guard status == "enabled" || status == "disabled" else {
            throw KapacitorError.badRequest("invalid status \"\(status)\"; use enabled or disabled")
        }
        return status
    }

    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decodeVars(_ text: String) throws -> [String: TaskVar] {
        try JSONDecoder().decode([String: TaskVar].self, from: Data(text.utf8))
    }
}
