import ArgumentParser
import Foundation
import Yams

/// `sundial kapacitor define <id>`: creates the task, or updates it if it exists (reloading it when enabled).
struct KapacitorDefineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "define", abstract: "Create or update a task.")

    @OptionGroup var server: KapacitorServerOptions
    @Argument(help: "The task's id.") var id: String
    @Option(name: [.customLong("type", withSingleDash: true), .customLong("type")], help: "stream or batch (default: from the script).")
    var type: String?
    @Option(name: [.customLong("tick", withSingleDash: true), .customLong("tick")], help: "The TICKscript file.") var tick: String?
    @Option(name: [.customLong("dbrp", withSingleDash: true), .customLong("dbrp")], help: "db.rp or \"db\".\"rp\"; repeatable.")
    var dbrp: [String] = []
    @Option(name: [.customLong("template", withSingleDash: true), .customLong("template")], help: "Build the task from this template.")
    var template: String?
    @Option(name: [.customLong("vars", withSingleDash: true), .customLong("vars")], help: "A JSON or YAML file of the task's vars.")
    var vars: String?
    @Option(
        name: [.customLong("file", withSingleDash: true), .customLong("file")], help: "A JSON or YAML file with the whole task definition.")
    var file: String?
    @Flag(name: [.customLong("no-reload", withSingleDash: true), .customLong("no-reload")], help: "Do not reload an enabled task.")
    var noReload = false

    func run() async throws {
        try await reportingErrors {
            let api = server.api
            var body = try file.map { try Self.readDefinition($0) } ?? [:]
            body["id"] = id
            if let type { body["type"] = type }
            if let tick { body["script"] = try Self.readText(tick) }
            if !dbrp.isEmpty { body["dbrps"] = try dbrp.map(Self.parseDBRP) }
            if let template { body["template-id"] = template }
            if let vars { body["vars"] = try Self.readDefinition(vars) }
            let path = "/tasks/" + KapacitorAPI.escape(id)
            let (status, existing) = try await api.send(.get, path)
            if status == 404 {
                guard body["script"] != nil || body["template-id"] != nil else {
                    throw CLIError("must provide -tick or -template to define a new task")
                }
                _ = try await api.expectSuccess(.post, "/tasks", body: body)
                return
            }
            body.removeValue(forKey: "id")
            _ = try await api.expectSuccess(.patch, path, body: body)
            if existing["status"] as? String == "enabled" && !noReload {
                _ = try await api.expectSuccess(.patch, path, body: ["status": "disabled"])
                _ = try await api.expectSuccess(.patch, path, body: ["status": "enabled"])
            }
        }
    }

    /// `db.rp` or `"db"."rp"`.
    static func parseDBRP(_ text: String) throws -> [String: String] {
        if text.hasPrefix("\"") {
            let parts = text.split(separator: "\"", omittingEmptySubsequences: false)
            if parts.count == 5, parts[2] == "." { return ["db": String(parts[1]), "rp": String(parts[3])] }
        } else if let dot = text.firstIndex(of: "."), dot != text.startIndex, text.index(after: dot) != text.endIndex {
            return ["db": String(text[..<dot]), "rp": String(text[text.index(after: dot)...])]
        }
        throw CLIError("invalid dbrp \"\(text)\": write db.rp or \"db\".\"rp\"")
    }

    static func readText(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
        return String(decoding: data, as: UTF8.self)
    }

    static func readJSON(_ path: String) throws -> [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(try readText(path).utf8)) as? [String: Any] else {
            throw CLIError("\(path) is not a JSON object")
        }
        return object
    }

    /// A task definition file: JSON, or YAML (`.yaml`/`.yml`), as Kapacitor's `-file` takes.
    static func readDefinition(_ path: String) throws -> [String: Any] {
        guard path.hasSuffix(".yaml") || path.hasSuffix(".yml") else { return try readJSON(path) }
        let loaded: Any?
        do {
            loaded = try Yams.load(yaml: try readText(path))
        } catch {
            throw CLIError("\(path) is not valid YAML: \(error)")
        }
        guard let object = loaded as? [String: Any], JSONSerialization.isValidJSONObject(object) else {
            throw CLIError("\(path) is not a YAML mapping of a task definition")
        }
        return object
    }
}

/// `sundial kapacitor define-template <id> -tick file [-type t]`.
struct KapacitorDefineTemplateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "define-template", abstract: "Create or update a template.")

    @OptionGroup var server: KapacitorServerOptions
    @Argument(help: "The template's id.") var id: String
    @Option(name: [.customLong("type", withSingleDash: true), .customLong("type")], help: "stream or batch (default: from the script).")
    var type: String?
    @Option(name: [.customLong("tick", withSingleDash: true), .customLong("tick")], help: "The TICKscript file.") var tick: String?

    func run() async throws {
        try await reportingErrors {
            let api = server.api
            var body: [String: Any] = [:]
            if let type { body["type"] = type }
            if let tick { body["script"] = try KapacitorDefineCommand.readText(tick) }
            let path = "/templates/" + KapacitorAPI.escape(id)
            if try await api.send(.get, path).status == 404 {
                guard tick != nil else { throw CLIError("must provide -tick to define a new template") }
                body["id"] = id
                _ = try await api.expectSuccess(.post, "/templates", body: body)
            } else {
                _ = try await api.expectSuccess(.patch, path, body: body)
            }
        }
    }
}
