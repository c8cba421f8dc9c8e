public import Logging

/// Every handler kind, in one place: the alert node's handlers (`.slack()`), topic handlers (`"kind": "slack"`) and
/// the service tests all make theirs here, from `HandlerOptions` (Kapacitor's option names) and the configured
/// services. Kinds by Kapacitor's topic-handler names; a TICKscript handler's name is its kind lowercased
/// (`pagerDuty2` → `pagerduty2`), but `email`, whose kind is `smtp`.
public enum AlertHandlerCatalog {
    /// Kapacitor's handler kinds (SPEC-kapacitor.md §3.3).
    public static let kinds: Set<String> = [
        "aggregate", "alerta", "bigpanda", "discord", "exec", "hipchat", "kafka", "log", "mqtt", "opsgenie", "opsgenie2", "pagerduty",
        "pagerduty2", "post", "publish", "pushover", "sensu", "servicenow", "slack", "smtp", "snmptrap", "talk", "tcp", "teams",
        "telegram", "victorops", "zenoss",
    ]

    /// The kinds Sundial sends through; the others log each event as not sent.
    public static let sending: Set<String> = [
        "log", "post", "slack", "teams", "discord", "pagerduty2", "telegram", "victorops", "pushover", "opsgenie2", "smtp", "tcp", "exec",
        "alerta", "sensu", "bigpanda", "servicenow", "zenoss", "talk", "pagerduty", "opsgenie", "snmptrap", "mqtt",
    ]

    /// The option names a TICKscript handler's arguments give (`.exec('/bin/x', 'a')` → `prog`, `args`); a name
    /// ending in `…` takes the rest.
    public static let argumentNames: [String: [String]] = [
        "log": ["path"], "post": ["url"], "tcp": ["address"], "exec": ["prog", "args…"], "smtp": ["to…"], "snmptrap": ["trap-oid"],
        "mqtt": ["topic"],
    ]

    /// The kind of a TICKscript handler (`pagerDuty2` → `pagerduty2`, `email` → `smtp`).
    public static func kind(ofProperty name: String) -> String {
        name == "email" ? "smtp" : name.lowercased()
    }

    /// The handler `options` ask for; `owner` names it in logs and in the outbox (`task cpu alert4`, `topic cpu
    /// handler h1`). A handler that sends to a service goes through the services' outbox (durable, retried) unless
    /// its `send-once` option asks for Kapacitor's single attempt.
    public static func make(kind: String, options: HandlerOptions, services: HandlerServices, owner: String, logger: Logger)
        throws(HandlerRefusal) -> any AlertHandler
    {
        var logger = logger
        logger[metadataKey: "handler"] = .string(owner)
        switch kind {
        case "log":
            guard let path = options.string("path").nonEmpty else { throw HandlerRefusal("log handler needs a file path") }
            let mode = options.number("mode").flatMap { Int(exactly: $0) } ?? 0o600
            do {
                return try LogHandler(path: path, mode: mode, policy: services.logFiles, logger: logger)
            } catch {
                throw HandlerRefusal(error.description)
            }
        case "exec": return try ExecHandler(options: options, services: services, logger: logger)
        default:
            let route = DeliveryRoute(owner: owner, kind: kind, options: options)
            guard let handler = try sendingHandler(route, services: services, logger: logger) else {
                return NotSentHandler(kind: kind, owner: owner, logger: logger)
            }
            guard let outbox = services.outbox, !options.bool("send-once") else { return handler }
            return OutboxHandler(route: route, handler: handler, outbox: outbox)
        }
    }

    /// The handler of a kind that sends to a service; nil for a kind Sundial does not send through yet.
    static func sendingHandler(_ route: DeliveryRoute, services: HandlerServices, logger: Logger) throws(HandlerRefusal)
        -> (any SendingHandler)?
    {
        let options = route.options
        switch route.kind {
        case "post": return try PostHandler(options: options, services: services, logger: logger)
        case "telegram": return try TelegramHandler(options: options, services: services, logger: logger)
        case "slack": return try SlackHandler(options: options, services: services, logger: logger)
        case "teams": return TeamsHandler(options: options, services: services, logger: logger)
        case "discord": return try DiscordHandler(options: options, services: services, logger: logger)
        case "pagerduty2": return try PagerDuty2Handler(options: options, services: services, logger: logger)
        case "victorops": return VictorOpsHandler(options: options, services: services, logger: logger)
        case "pushover": return PushoverHandler(options: options, services: services, logger: logger)
        case "opsgenie2": return OpsGenie2Handler(options: options, services: services, logger: logger)
        case "smtp": return try EmailHandler(options: options, services: services, logger: logger)
        case "tcp": return try TCPHandler(options: options, logger: logger)
        case "alerta": return try AlertaHandler(options: options, services: services, logger: logger)
        case "sensu": return try SensuHandler(options: options, services: services, logger: logger)
        case "bigpanda": return BigPandaHandler(options: options, services: services, logger: logger)
        case "servicenow": return try ServiceNowHandler(options: options, services: services, logger: logger)
        case "zenoss": return try ZenossHandler(options: options, services: services, logger: logger)
        case "talk": return TalkHandler(services: services, logger: logger)
        case "pagerduty": return PagerDutyHandler(options: options, services: services, logger: logger)
        case "opsgenie": return OpsGenieHandler(options: options, services: services, logger: logger)
        case "snmptrap": return try SNMPTrapHandler(options: options, services: services, logger: logger)
        case "mqtt": return try MQTTHandler(options: options, services: services, logger: logger)
        default: return nil
        }
    }
}
