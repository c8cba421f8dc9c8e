import ArgumentParser
import Foundation
import TICKscript

/// `sundial kapacitor delete tasks|templates <ids…>`.
struct KapacitorDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete tasks, templates or topics, or a topic's handlers (delete topic-handlers TOPIC ID…).")

    @OptionGroup var server: KapacitorServerOptions
    @Argument(help: "tasks, templates, topics or topic-handlers.") var kind: String
    @Argument(help: "The ids to delete (for topic-handlers: the topic, then handler ids).") var ids: [String]

    func run() async throws {
        try await reportingErrors {
            switch kind {
            case "tasks", "templates":
                for id in ids { _ = try await server.api.expectSuccess(.delete, "/\(kind)/" + KapacitorAPI.escape(id)) }
            case "topics":
                for id in ids { _ = try await server.api.expectSuccess(.delete, "/alerts/topics/" + KapacitorAPI.escape(id)) }
            case "topic-handlers":
                guard let topic = ids.first, ids.count > 1 else { throw CLIError("delete topic-handlers needs a topic and handler ids") }
                for id in ids.dropFirst() {
                    _ = try await server.api.expectSuccess(
                        .delete, "/alerts/topics/\(KapacitorAPI.escape(topic))/handlers/" + KapacitorAPI.escape(id))
                }
            default: throw CLIError("cannot delete \(kind): use tasks, templates, topics or topic-handlers")
            }
        }
    }
}

/// Sets the status of tasks; `reload` disables then enables.
protocol TaskStatusCommand: AsyncParsableCommand {
    var server: KapacitorServerOptions { get }
    var ids: [String] { get }
    static var statuses: [String] { get }
}

extension TaskStatusCommand {
    func run() async throws {
        try await reportingErrors {
            for id in ids {
                for status in Self.statuses {
                    _ = try await server.api.expectSuccess(.patch, "/tasks/" + KapacitorAPI.escape(id), body: ["status": status])
                }
            }
        }
    }
}

struct KapacitorEnableCommand: TaskStatusCommand {
    static let configuration = CommandConfiguration(commandName: "enable", abstract: "Enable tasks.")
    static let statuses = ["enabled"]
    @OptionGroup var server: KapacitorServerOptions
    @Argument(help: "Task ids.") var ids: [String]
}

struct KapacitorDisableCommand: TaskStatusCommand {
    static let configuration = CommandConfiguration(commandName: "disable", abstract: "Disable tasks.")
    static let statuses = ["disabled"]
    @OptionGroup var server: KapacitorServerOptions
    @Argument(help: "Task ids.") var ids: [String]
}

struct KapacitorReloadCommand: TaskStatusCommand {
    static let configuration = CommandConfiguration(commandName: "reload", abstract: "Disable, then enable tasks.")
    static let statuses = ["disabled", "enabled"]
    @OptionGroup var server: KapacitorServerOptions
    @Argument(help: "Task ids.") var ids: [String]
}

/// `sundial kapacitor fmt [-w] files…`: canonical TICKscript, offline. Formatting twice changes nothing.
struct KapacitorFormatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt", abstract: "Print TICKscript files in canonical form (or rewrite them with -w).",
        discussion: "Reads standard input when no file is given. A script that does not parse is reported as file:line:column.")

    @Flag(name: [.customShort("w")], help: "Rewrite the files instead of printing.") var write = false
    @Argument(help: "TICKscript files.") var files: [String] = []

    func run() async throws {
        try await reportingErrors {
            if files.isEmpty {
                var input = ""
                while let line = readLine(strippingNewline: false) { input += line }
                print(try Self.format(input, name: "<stdin>"), terminator: "")
                return
            }
            for file in files {
                let formatted = try Self.format(try KapacitorDefineCommand.readText(file), name: file)
                if write {
                    try Data(formatted.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
                } else {
                    print(formatted, terminator: "")
                }
            }
        }
    }

    static func format(_ script: String, name: String) throws -> String {
        do {
            return try TickFormatter.format(script)
        } catch {
            throw CLIError("\(name):\(error)")
        }
    }
}
