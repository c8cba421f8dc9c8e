import ArgumentParser
import Foundation
import InfluxClient

/// `sundial kapacitor …`: Kapacitor's CLI, with its single-dash flags, against a running tasks service.
struct KapacitorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kapacitor",
        abstract: "Define, list, show and delete tasks, templates, topics and topic handlers on a running server, like Kapacitor's CLI.",
        discussion: "The server is -url, else $KAPACITOR_URL, else http://localhost:9092.",
        subcommands: [
            KapacitorDefineCommand.self, KapacitorDefineTemplateCommand.self, KapacitorListCommand.self, KapacitorShowCommand.self,
            KapacitorShowTemplateCommand.self, KapacitorDeleteCommand.self, KapacitorEnableCommand.self, KapacitorDisableCommand.self,
            KapacitorReloadCommand.self, KapacitorFormatCommand.self, KapacitorShowTopicCommand.self,
            KapacitorDefineTopicHandlerCommand.self,
        ]
    )

    @OptionGroup var server: KapacitorServerOptions
}

/// `-url` and `-skipVerify`, accepted before or after the subcommand.
struct KapacitorServerOptions: ParsableArguments {
    @Option(
        name: [.customLong("url", withSingleDash: true), .customLong("url")],
        help: ArgumentHelp("The Kapacitor API to talk to (default $KAPACITOR_URL or http://localhost:9092).", valueName: "url"))
    var url: String?

    @Flag(name: [.customLong("skipVerify", withSingleDash: true), .customLong("skipVerify")], help: "Do not verify TLS certificates.")
    var skipVerify = false

    var api: KapacitorAPI {
        let environment = ProcessInfo.processInfo.environment
        let base = url ?? environment["KAPACITOR_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "http://localhost:9092"
        let insecure = skipVerify || ["1", "true"].contains(environment["KAPACITOR_UNSAFE_SSL"]?.lowercased() ?? "")
        return KapacitorAPI(url: base.hasSuffix("/") ? String(base.dropLast()) : base, skipVerify: insecure)
    }
}

/// A small client of the `/kapacitor/v1` API for the CLI; an error answer ends the command with its message.
/// Credentials come from the URL (`http://user:password@host:9092`), as Kapacitor's CLI takes them, and are sent as
/// Basic auth; messages show the URL without them.
struct KapacitorAPI {
    let baseURL: String
    let credentials: InfluxConnection.Credentials
    let skipVerify: Bool

    init(url: String, skipVerify: Bool) {
        self.skipVerify = skipVerify
        guard var components = URLComponents(string: url), let user = components.user else {
            baseURL = url
            credentials = .none
            return
        }
        credentials = .basic(user: user, password: components.password ?? "")
        components.user = nil
        components.password = nil
        baseURL = components.string ?? url
    }

    /// Sends a request and returns the status and the JSON object answered (empty for no body).
    func send(_ method: Method, _ path: String, body: [String: Any]? = nil) async throws -> (status: Int, json: [String: Any]) {
        let parts = path.split(separator: "?", maxSplits: 1)
        let query = parts.count > 1 ? URLComponents(string: "?" + parts[1])?.queryItems?.map { ($0.name, $0.value ?? "") } ?? [] : []
        let connection = InfluxConnection(url: baseURL, credentials: credentials, insecureSkipVerify: skipVerify)
        let answer: InfluxHTTPClient.Relayed
        do {
            answer = try await InfluxHTTPClient().relay(
                connection, method: method.rawValue, path: "/kapacitor/v1" + parts[0], query: query,
                body: try body.map { Array(try JSONSerialization.data(withJSONObject: $0)) })
        } catch {
            throw CLIError("cannot reach \(baseURL): \(error)")
        }
        let json = (try? JSONSerialization.jsonObject(with: Data(answer.body))) as? [String: Any] ?? [:]
        return (answer.status, json)
    }

    enum Method: String {
        case get = "GET"
        case post = "POST"
        case patch = "PATCH"
        case delete = "DELETE"
    }

    /// Like `send`, but a 4xx/5xx answer is an error with the server's message.
    func expectSuccess(_ method: Method, _ path: String, body: [String: Any]? = nil) async throws -> [String: Any] {
        let (status, json) = try await send(method, path, body: body)
        guard (200..<300).contains(status) else { throw CLIError(json["error"] as? String ?? "the server answered \(status)") }
        return json
    }

    static func escape(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? id
    }
}

/// A CLI failure: printed as `sundial: <message>` with exit status 1.
struct CLIError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

extension AsyncParsableCommand {
    /// Runs `body`, turning a `CLIError` into its message on stderr and exit status 1.
    func reportingErrors(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("sundial: \(error.description)\n".utf8))
            throw ExitCode.failure
        }
    }
}
