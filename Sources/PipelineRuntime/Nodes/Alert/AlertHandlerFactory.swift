import Alerting
public import Logging
import PipelineSpec

/// Makes the handlers an alert node's script names (`.log(path)`, `.post(url)`). A handler Sundial cannot send
/// through yet (`.slack()`, `.email()`, …) behaves as Kapacitor's does when its service is not enabled: the task runs,
/// its events still reach the topics, and each one the handler would have sent is logged as not sent.
public struct AlertHandlerFactory: Sendable {
    let logFiles: LogFilePolicy
    let logger: Logger

    func make(_ call: HandlerCall, node: String) throws(TaskStartError) -> any AlertHandler {
        func string(_ value: TickValue?) -> String? { if case .string(let text)? = value { text } else { nil } }
        switch call.name {
        case "log":
            guard let path = string(call.arguments.first) else { throw TaskStartError("\(node): log handler needs a file path") }
            var mode = 0o600
            if case .int(let given)? = call.properties.last(where: { $0.name == "mode" })?.arguments.first { mode = Int(given) }
            do {
                return try LogHandler(path: path, mode: mode, policy: logFiles, logger: logger)
            } catch {
                throw TaskStartError("\(node): \(error)")
            }
        case "post":
            guard let url = string(call.arguments.first) else {
                throw TaskStartError("\(node): post handler needs a URL (configured [[httppost]] endpoints are not supported yet)")
            }
            let headers = call.properties.filter { $0.name == "header" }.compactMap { header -> (String, String)? in
                guard let name = string(header.arguments.first), let value = string(header.arguments.dropFirst().first) else { return nil }
                return (name, value)
            }
            return PostHandler(url: url, headers: headers, logger: logger)
        default:
            return NotSentHandler(kind: call.name, owner: node, logger: logger)
        }
    }
}
