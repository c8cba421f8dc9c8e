import ArgumentParser
import Foundation
import Yams

/// The alert topic side of Kapacitor's CLI: tables for `list topics` and `list topic-handlers`, `show-topic`,
/// `define-topic-handler FILE` and what `delete topics|topic-handlers` sends.
enum KapacitorTopics {
    static func topicTable(_ api: KapacitorAPI, patterns: [String]) async throws -> String {
        var topics: [[String: Any]] = []
        for pattern in patterns.isEmpty ? [""] : patterns {
            let query =
                pattern.isEmpty ? "" : "?pattern=" + (pattern.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? pattern)
            topics += try await api.expectSuccess(.get, "/alerts/topics" + query)["topics"] as? [[String: Any]] ?? []
        }
        let width = max(2, topics.map { ($0["id"] as? String ?? "").count }.max() ?? 0) + 1
        var text = KapacitorListCommand.row([("ID", width), ("Level", 10)]) + "Collected\n"
        for topic in topics {
            text += KapacitorListCommand.row([(topic["id"] as? String ?? "", width), (topic["level"] as? String ?? "", 10)])
            text += "\(topic["collected"] as? Int ?? 0)\n"
        }
        return text
    }

    static func handlerTable(_ api: KapacitorAPI, patterns: [String]) async throws -> String {
        var rows: [(String, String, String)] = []
        for topic in try await api.expectSuccess(.get, "/alerts/topics")["topics"] as? [[String: Any]] ?? [] {
            guard let id = topic["id"] as? String else { continue }
            for handler in try await api.expectSuccess(.get, "/alerts/topics/\(KapacitorAPI.escape(id))/handlers")["handlers"]
                as? [[String: Any]]
                ?? []
            {
                rows.append((id, handler["id"] as? String ?? "", handler["kind"] as? String ?? ""))
            }
        }
        if !patterns.isEmpty { rows = rows.filter { row in patterns.contains { fnmatch($0, row.1, 0) == 0 } } }
        let topicWidth = max(5, rows.map(\.0.count).max() ?? 0) + 1
        let idWidth = max(2, rows.map(\.1.count).max() ?? 0) + 1
        var text = KapacitorListCommand.row([("Topic", topicWidth), ("ID", idWidth)]) + "Kind\n"
        for row in rows { text += KapacitorListCommand.row([(row.0, topicWidth), (row.1, idWidth)]) + row.2 + "\n" }
        return text
    }
}

/// `show-topic TOPIC`: a topic's level and each of its events.
struct KapacitorShowTopicCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show-topic", abstract: "Show an alert topic and its events.")

    @OptionGroup var server: KapacitorServerOptions
    @Argument(help: "The topic's id.") var topic: String

    func run() async throws {
        try await reportingErrors {
            let path = "/alerts/topics/" + KapacitorAPI.escape(topic)
            let summary = try await server.api.expectSuccess(.get, path)
            let events = try await server.api.expectSuccess(.get, path + "/events")["events"] as? [[String: Any]] ?? []
            var text =
                "ID: \(topic)\nLevel: \(summary["level"] as? String ?? "")\nCollected: \(summary["collected"] as? Int ?? 0)\nEvents:\n"
            let width = max(5, events.map { ($0["id"] as? String ?? "").count }.max() ?? 0) + 1
            text += KapacitorListCommand.row([("Event", width), ("Level", 10), ("Message", 40)]) + "Date\n"
            for event in events {
                let state = event["state"] as? [String: Any] ?? [:]
                text += KapacitorListCommand.row([
                    (event["id"] as? String ?? "", width), (state["level"] as? String ?? "", 10), (state["message"] as? String ?? "", 40),
                ])
                text += RFC822.format(state["time"] as? String ?? "") + "\n"
            }
            print(text, terminator: "")
        }
    }
}

/// `define-topic-handler FILE`: a handler from a YAML or JSON file with `topic`, `id`, `kind`, `options`, `match`,
/// created or replaced on its topic.
struct KapacitorDefineTopicHandlerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "define-topic-handler", abstract: "Create or replace a topic handler from a YAML or JSON file.")

    @OptionGroup var server: KapacitorServerOptions
    @Argument(help: "The handler file.") var file: String

    func run() async throws {
        try await reportingErrors {
            let text: String
            do {
                text = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw CLIError("cannot read \(file): \(error.localizedDescription)")
            }
            guard let handler = (try? Yams.load(yaml: text)) as? [String: Any] else {
                throw CLIError("\(file): expected a YAML or JSON object with topic, id, kind and options")
            }
            guard let topic = handler["topic"] as? String, !topic.isEmpty, let id = handler["id"] as? String, !id.isEmpty else {
                throw CLIError("\(file): topic and id are required")
            }
            var body = handler
            body["topic"] = nil
            let path = "/alerts/topics/\(KapacitorAPI.escape(topic))/handlers"
            let (status, _) = try await server.api.send(.get, path + "/" + KapacitorAPI.escape(id))
            if status == 200 { _ = try await server.api.expectSuccess(.delete, path + "/" + KapacitorAPI.escape(id)) }
            _ = try await server.api.expectSuccess(.post, path, body: body)
        }
    }
}
