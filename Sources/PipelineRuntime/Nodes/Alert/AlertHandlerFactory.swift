import Alerting
import Logging
import PipelineSpec

/// Makes the handlers an alert node's script names (`.log(path)`, `.slack().channel('#ops')`) through
/// `AlertHandlerCatalog`, as topic handlers are made: the chain's arguments and properties become the handler's
/// options under Kapacitor's option names. A kind Sundial does not send through yet behaves as Kapacitor's does when
/// its service is not enabled: the task runs, its events still reach the topics, each one is logged as not sent.
public struct AlertHandlerFactory: Sendable {
    let taskName: String
    let services: HandlerServices
    let logger: Logger

    /// Who configured a node's handlers, in logs and the alert outbox: `task cpu alert2`.
    func owner(node: String) -> String { "task \(taskName) \(node)" }

    func make(_ call: HandlerCall, node: String) throws(TaskStartError) -> any AlertHandler {
        let kind = AlertHandlerCatalog.kind(ofProperty: call.name)
        let unused = AlertHandlerCatalog.unusedProperties(kind)
        for property in call.properties {
            guard let why = unused[property.name] else { continue }
            logger.warning("task \(taskName) \(node): .\(call.name)().\(property.name)() is not used: \(why)")
        }
        do {
            return try AlertHandlerCatalog.make(
                kind: kind, options: Self.options(call, kind: kind), services: services, owner: owner(node: node), logger: logger)
        } catch {
            throw TaskStartError("\(node): \(error)")
        }
    }

    /// A service's handler with no options of its own (a `global` service's).
    func make(kind: String, node: String) throws(TaskStartError) -> any AlertHandler {
        do {
            return try AlertHandlerCatalog.make(
                kind: kind, options: HandlerOptions(), services: services, owner: owner(node: node), logger: logger)
        } catch {
            throw TaskStartError("\(node): \(error)")
        }
    }

    /// The chain as options: arguments by the kind's argument names, one-argument properties by name (camel case to
    /// Kapacitor's kebab case), flags as `true`, `.header(k, v)` into `headers` and `.link(href, text)` into `links`.
    static func options(_ call: HandlerCall, kind: String) -> HandlerOptions {
        var options = HandlerOptions()
        let names = AlertHandlerCatalog.argumentNames(kind)
        for (index, name) in names.enumerated() where index < call.arguments.count {
            if name.hasSuffix("…") {
                options[String(name.dropLast())] = .list(call.arguments[index...].compactMap(value))
            } else {
                options[name] = value(call.arguments[index])
            }
        }
        for property in call.properties {
            // PagerDuty2's `.serviceKey()` is Kapacitor's older spelling of `.routingKey()`.
            let name = kind == "pagerduty2" && property.name == "serviceKey" ? "routing-key" : HandlerOptions.optionName(property.name)
            switch (property.name, property.arguments.count) {
            case ("header", 2):
                guard case .string(let key)? = value(property.arguments[0]), let text = value(property.arguments[1]) else { continue }
                var headers: [String: HandlerOptions.Value] = [:]
                if case .object(let existing)? = options["headers"] { headers = existing }
                headers[key] = text
                options["headers"] = .object(headers)
            case ("link", _):
                var link: [String: HandlerOptions.Value] = [:]
                link["href"] = property.arguments.first.flatMap(value)
                link["text"] = property.arguments.dropFirst().first.flatMap(value)
                var links: [HandlerOptions.Value] = []
                if case .list(let existing)? = options["links"] { links = existing }
                options["links"] = .list(links + [.object(link)])
            case (_, 0):
                options[name] = .bool(true)
            case (_, 1):
                // Adding to a list the handler's arguments began (`.email('a').to('b')`), or a value of its own.
                if case .list(let existing)? = options[name], let added = value(property.arguments[0]) {
                    options[name] = .list(existing + [added])
                } else {
                    options[name] = value(property.arguments[0])
                }
            default:
                var existing: [HandlerOptions.Value] = []
                if case .list(let items)? = options[name] { existing = items }
                options[name] = .list(existing + property.arguments.compactMap(value))
            }
        }
        return options
    }

    private static func value(_ tick: TickValue) -> HandlerOptions.Value? {
        switch tick {
        case .string(let text): .string(text)
        case .int(let number): .number(Double(number))
        case .float(let number): .number(number)
        case .bool(let flag): .bool(flag)
        case .duration(let nanoseconds): .duration(nanoseconds)
        case .list(let items): .list(items.compactMap(value))
        default: nil
        }
    }
}
