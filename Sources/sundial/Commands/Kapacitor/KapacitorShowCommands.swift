import ArgumentParser
import Foundation

/// `sundial kapacitor list tasks|templates [patterns…]`, in Kapacitor's table layout.
struct KapacitorListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List tasks, templates, topics or topic handlers.")

    @OptionGroup var server: KapacitorServerOptions
    @Argument(help: "tasks, templates, topics or topic-handlers.") var kind: String
    @Argument(help: "Glob patterns over ids.") var patterns: [String] = []

    func run() async throws {
        try await reportingErrors {
            if kind == "topics" { return print(try await KapacitorTopics.topicTable(server.api, patterns: patterns), terminator: "") }
            if kind == "topic-handlers" {
                return print(try await KapacitorTopics.handlerTable(server.api, patterns: patterns), terminator: "")
            }
            guard kind == "tasks" || kind == "templates" else {
                throw CLIError("cannot list \(kind): use tasks, templates, topics or topic-handlers")
            }
            var items: [[String: Any]] = []
            var seen: Set<String> = []
            for pattern in patterns.isEmpty ? [""] : patterns {
                let query =
                    pattern.isEmpty ? "" : "&pattern=" + (pattern.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? pattern)
                let json = try await server.api.expectSuccess(.get, "/\(kind)?limit=100000" + query)
                for item in json[kind] as? [[String: Any]] ?? [] where seen.insert(item["id"] as? String ?? "").inserted {
                    items.append(item)
                }
            }
            print(kind == "tasks" ? Self.taskTable(items) : Self.templateTable(items), terminator: "")
        }
    }

    static func taskTable(_ tasks: [[String: Any]]) -> String {
        let width = max(2, tasks.map { ($0["id"] as? String ?? "").count }.max() ?? 0) + 1
        var text = row([("ID", width), ("Type", 10), ("Status", 10), ("Executing", 10)]) + "Databases and Retention Policies\n"
        for task in tasks {
            let executing = (task["executing"] as? Bool ?? false) ? "true" : "false"
            text += row([
                (task["id"] as? String ?? "", width), (task["type"] as? String ?? "", 10), (task["status"] as? String ?? "", 10),
                (executing, 10),
            ])
            text += dbrpText(task["dbrps"]) + "\n"
        }
        return text
    }

    static func templateTable(_ templates: [[String: Any]]) -> String {
        let width = max(2, templates.map { ($0["id"] as? String ?? "").count }.max() ?? 0) + 1
        var text = row([("ID", width), ("Type", 10), ("Vars", 40)]) + "\n"
        for template in templates {
            let vars = (template["vars"] as? [String: Any] ?? [:]).keys.sorted().joined(separator: ",")
            text += row([(template["id"] as? String ?? "", width), (template["type"] as? String ?? "", 10), (vars, 40)]) + "\n"
        }
        return text
    }

    /// Columns left-aligned to their width (never cut), like Go's `%-Nv`.
    static func row(_ columns: [(String, Int)]) -> String {
        columns.map { text, width in text.count >= width ? text : text + String(repeating: " ", count: width - text.count) }.joined()
    }

    /// `["telegraf"."autogen" "db"."rp"]`, as Kapacitor prints a list of dbrps.
    static func dbrpText(_ value: Any?) -> String {
        let dbrps = (value as? [[String: Any]] ?? []).map { "\"\($0["db"] as? String ?? "")\".\"\($0["rp"] as? String ?? "")\"" }
        return "[" + dbrps.joined(separator: " ") + "]"
    }
}

/// `sundial kapacitor show <task>`.
struct KapacitorShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a task: its state, TICKscript, vars and DOT.")

    @OptionGroup var server: KapacitorServerOptions
    @Argument(help: "The task's id.") var id: String

    func run() async throws {
        try await reportingErrors {
            let task = try await server.api.expectSuccess(.get, "/tasks/" + KapacitorAPI.escape(id))
            var text = ShownFields.lines(
                task, [("ID", "id"), ("Error", "error"), ("Template", "template-id"), ("Type", "type"), ("Status", "status")])
            text += "Executing: \((task["executing"] as? Bool ?? false) ? "true" : "false")\n"
            text += ShownFields.lines(
                task, [("Created", "created"), ("Modified", "modified"), ("LastEnabled", "last-enabled")], dates: true)
            text += "Databases Retention Policies: \(KapacitorListCommand.dbrpText(task["dbrps"]))\n"
            text += "TICKscript:\n\(task["script"] as? String ?? "")\n"
            let vars = task["vars"] as? [String: [String: Any]] ?? [:]
            if !vars.isEmpty {
                text += "Vars:\n" + KapacitorListCommand.row([("Name", 30), ("Type", 10), ("Value", 40)]) + "\n"
                for name in vars.keys.sorted() {
                    let variable = vars[name] ?? [:]
                    text +=
                        KapacitorListCommand.row([(name, 30), (variable["type"] as? String ?? "", 10), (VarText.value(variable), 40)])
                        + "\n"
                }
            }
            print(text + "DOT:\n\(task["dot"] as? String ?? "")")
        }
    }
}

/// `sundial kapacitor show-template <template>`.
struct KapacitorShowTemplateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show-template", abstract: "Show a template: its TICKscript, vars and DOT.")

    @OptionGroup var server: KapacitorServerOptions
    @Argument(help: "The template's id.") var id: String

    func run() async throws {
        try await reportingErrors {
            let template = try await server.api.expectSuccess(.get, "/templates/" + KapacitorAPI.escape(id))
            var text = ShownFields.lines(template, [("ID", "id"), ("Error", "error"), ("Type", "type")])
            text += ShownFields.lines(template, [("Created", "created"), ("Modified", "modified")], dates: true)
            text += "TICKscript:\n\(template["script"] as? String ?? "")\nVars:\n"
            text += KapacitorListCommand.row([("Name", 30), ("Type", 10), ("Default Value", 40), ("Description", 40)]) + "\n"
            let vars = template["vars"] as? [String: [String: Any]] ?? [:]
            for name in vars.keys.sorted() {
                let variable = vars[name] ?? [:]
                let value = variable["value"] == nil || variable["value"] is NSNull ? "<required>" : VarText.value(variable)
                let columns = [
                    (name, 30), (variable["type"] as? String ?? "", 10), (value, 40), (variable["description"] as? String ?? "", 40),
                ]
                text += KapacitorListCommand.row(columns) + "\n"
            }
            print(text + "DOT:\n\(template["dot"] as? String ?? "")")
        }
    }
}

/// `Label: value` lines of `show` and `show-template`; dates in Go's RFC822 layout, as Kapacitor prints them.
enum ShownFields {
    static func lines(_ document: [String: Any], _ fields: [(label: String, key: String)], dates: Bool = false) -> String {
        fields.map { field in
            let value = document[field.key] as? String ?? ""
            return "\(field.label): \(dates ? RFC822.format(value) : value)\n"
        }.joined()
    }
}

/// A var's value as the CLI prints it.
enum VarText {
    static func value(_ variable: [String: Any]) -> String {
        switch variable["value"] {
        case let list as [[String: Any]]: "[" + list.map { $0["type"] as? String == "star" ? "*" : value($0) }.joined(separator: ", ") + "]"
        case let number as NSNumber where variable["type"] as? String == "bool": number.boolValue ? "true" : "false"
        case let number as NSNumber: "\(number)"
        case let text as String: text
        default: ""
        }
    }
}

/// Go's `time.RFC822` layout (`02 Jan 06 15:04 UTC`), which Kapacitor's `show` prints.
enum RFC822 {
    static func format(_ timestamp: String) -> String {
        guard
            let date = (try? Date(timestamp, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
                ?? (try? Date(timestamp, strategy: Date.ISO8601FormatStyle()))
        else { return timestamp }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "dd MMM yy HH:mm 'UTC'"
        return formatter.string(from: date)
    }
}
