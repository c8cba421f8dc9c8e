import SundialConfig
import TimeSeries

/// Kapacitor's service tests (`/kapacitor/v1/service-tests`): each sending service's default test options, and a test
/// that sends one message through the service as configured now, answering with the service's own failure reason.
public enum ServiceTests {
    /// The services with a test, by name, in Kapacitor's order (sorted).
    public static let names = [
        "alerta", "bigpanda", "discord", "httppost", "mqtt", "opsgenie", "opsgenie2", "pagerduty", "pagerduty2", "pushover", "sensu",
        "servicenow",
        "slack", "smtp", "snmptrap", "talk", "teams", "telegram", "victorops", "zenoss",
    ]

    /// The options a test takes when none are given, as Kapacitor lists them.
    public static func defaultOptions(_ name: String, services: HandlerServices) -> [(String, HandlerOptions.Value)]? {
        defaults[name]?(services)
    }

    private static let defaults: [String: @Sendable (HandlerServices) -> [(String, HandlerOptions.Value)]] = [
        "slack": { services in
            let workspace = services.defaultSlack
            return [
                ("workspace", .string(workspace?.workspace ?? "")), ("channel", .string(workspace?.channel ?? "")),
                ("message", .string("test slack message")), ("level", .string("CRITICAL")), ("username", .string("")),
                ("icon-emoji", .string("")),
            ]
        },
        "teams": { _ in
            [
                // Kapacitor lists the configured webhook here (and its test ignores it); Sundial never shows a secret.
                ("channel_url", .string("")), ("alert_topic", .string("test kapacitor alert topic")),
                ("alert_id", .string("foo/bar/bat")), ("message", .string("test teams message")), ("level", .string("CRITICAL")),
            ]
        },
        "discord": { services in
            let workspace = services.defaultDiscord
            return [
                ("workspace", .string(workspace?.workspace ?? "")), ("message", .string("test discord message")),
                ("level", .string("INFO")),
                ("username", .string("Kapacitor")),
                ("avatar-url", .string("https://influxdata.github.io/branding/img/downloads/influxdata-logo--symbol--pool-alpha.png")),
                ("embed-title", .string("Kapacitor Alert")), ("time-val", .string("1970-01-01T00:00:01Z")),
            ]
        },
        "pagerduty2": { _ in
            [
                ("alert_id", .string("testAlertID")), ("description", .string("test pagerduty2 message")), ("level", .string("CRITICAL")),
                ("timestamp", .string("2014-11-12T11:45:26.371Z")),
                (
                    "links",
                    .list([
                        .object(["href": .string("https://example.com/a"), "text": .string("a")]),
                        .object(["href": .string("https://example.com/b"), "text": .string("b")]),
                    ])
                ),
            ]
        },
        "telegram": { services in
            [
                ("chat-id", .string(services.telegram.chatID)), ("parse-mode", .string(services.telegram.parseMode)),
                ("message", .string("test telegram message")), ("disable-web-page-preview", .bool(services.telegram.disableWebPagePreview)),
                ("disable-notification", .bool(services.telegram.disableNotification)),
            ]
        },
        "victorops": { services in
            [
                ("routingKey", .string(services.victorOps.routingKey)), ("messageType", .string("CRITICAL")),
                ("message", .string("test victorops message")), ("entityID", .string("testEntityID")),
            ]
        },
        "pushover": { _ in
            // Kapacitor lists the configured user key here; Sundial never shows a secret.
            [
                ("user-key", .string("")), ("message", .string("test pushover message")), ("device", .string("")), ("title", .string("")),
                ("url", .string("")), ("url-title", .string("")), ("sound", .string("")), ("level", .string("CRITICAL")),
            ]
        },
        "opsgenie2": { services in
            [
                ("teams", .list(services.opsGenie2.teams.map { .string($0) })),
                ("recipients", .list(services.opsGenie2.recipients.map { .string($0) })),
                ("recovery_action", .string(services.opsGenie2.recoveryAction)), ("message-type", .string("CRITICAL")),
                ("message", .string("test opsgenie message")), ("entity-id", .string("testEntityID")),
            ]
        },
        "smtp": { services in
            [
                ("to", .list(services.smtp.to.map { .string($0) })), ("subject", .string("test subject")), ("body", .string("test body")),
            ]
        },
        "alerta": { services in
            [
                ("resource", .string("testResource")), ("event", .string("testEvent")),
                ("environment", .string(services.alerta.environment)),
                ("severity", .string("critical")), ("group", .string("testGroup")), ("value", .string("testValue")),
                ("message", .string("test alerta message")), ("origin", .string(services.alerta.origin)),
                ("service", .list([.string("testServiceA"), .string("testServiceB")])),
                ("correlate", .list([.string("testServiceX"), .string("testServiceY")])),
                ("attributes", .object(["testAttributeA": .string("A"), "testAttributeB": .bool(true), "testAttributeC": .number(9001)])),
                ("timeout", .string("24h0m0s")),
            ]
        },
        "sensu": { _ in
            [
                ("name", .string("testName")), ("source", .string("Kapacitor")), ("output", .string("testOutput")), ("handlers", .list([])),
                ("metadata", .object([:])), ("level", .string("CRITICAL")),
            ]
        },
        "bigpanda": { _ in
            [
                ("app_key", .string("012345")), ("message", .string("test bigpanda message")), ("level", .string("CRITICAL")),
                ("host", .string("serverA")), ("primary_property", .string("")), ("secondary_property", .string("")),
            ]
        },
        "servicenow": { _ in
            [
                ("alert_id", .string("1001")), ("message", .string("test servicenow message")), ("level", .string("CRITICAL")),
                ("source", .string("Kapacitor")), ("node", .string("")), ("type", .string("")), ("resource", .string("")),
                ("metric_name", .string("")), ("message_key", .string("")), ("additional_info", .object([:])),
            ]
        },
        "zenoss": { services in
            let zenoss = services.zenoss
            return [
                ("alert_id", .string("1001")), ("level", .string("CRITICAL")), ("message", .string("test zenoss message")),
                ("action", .string(zenoss.action)), ("method", .string(zenoss.method)), ("type", .string(zenoss.type)),
                ("tid", .number(Double(zenoss.tid))), ("summary", .string("")), ("device", .string("")), ("component", .string("")),
                ("eventclasskey", .string("")), ("eventclass", .string("")), ("collector", .string(zenoss.collector)),
                ("custom_fields", .object([:])),
            ]
        },
        "talk": { _ in [("title", .string("testTitle")), ("text", .string("test talk text"))] },
        "mqtt": { services in
            let brokers = services.mqtt
            let name = (brokers.count == 1 ? brokers.first : brokers.first(where: \.isDefault))?.name ?? ""
            return [
                ("broker-name", .string(name)), ("topic", .string("")), ("message", .string("test MQTT message")),
                ("qos", .string("at-most-once")), ("retained", .bool(false)),
            ]
        },
        "snmptrap": { _ in
            [
                ("trap-oid", .string("1.1.1.1")),
                (
                    "data-list",
                    .list([.object(["oid": .string("1.1.1.1.2"), "type": .string("s"), "value": .string("test snmptrap message")])])
                ),
            ]
        },
        "pagerduty": { _ in
            [
                ("incident-key", .string("testIncidentKey")), ("description", .string("test pagerduty message")),
                ("level", .string("CRITICAL")),
                ("details", .string("")),
            ]
        },
        "opsgenie": { services in
            [
                ("teams", .list(services.opsGenie.teams.map { .string($0) })),
                ("recipients", .list(services.opsGenie.recipients.map { .string($0) })), ("message-type", .string("CRITICAL")),
                ("message", .string("test opsgenie message")), ("entity-id", .string("testEntityID")),
            ]
        },
        "httppost": { _ in
            [
                ("endpoint", .string("example")), ("url", .string("http://localhost:3000/")),
                ("headers", .object(["Auth": .string("secret")])), ("timeout", .number(0)),
            ]
        },
    ]

    /// Sends one test message through `name` with `given` over the default options; the reason when it fails.
    public static func run(_ name: String, given: HandlerOptions, services: HandlerServices) async -> (success: Bool, message: String) {
        guard let defaults = defaultOptions(name, services: services) else { return (false, "service \"\(name)\" not found") }
        var options = HandlerOptions(Dictionary(defaults, uniquingKeysWith: { first, _ in first }))
        for (key, value) in given.values { options[key] = value }
        let merged = options
        let refusal = await Deadline.run(.seconds(30)) { () throws(HandlerRefusal) in
            try await send(name, options: merged, services: services)
        }
        return refusal.map { (false, $0.description) } ?? (true, "")
    }

    private static func send(_ name: String, options: HandlerOptions, services: HandlerServices) async throws(HandlerRefusal) {
        let logger = services.logger
        let level = AlertLevel(name: options.string("level") ?? "") ?? .critical
        let message = options.string("message") ?? ""
        switch name {
        case "slack": try await SlackHandler(options: options, services: services, logger: logger).send(event(message, level))
        case "teams":
            var event = event(message, level, id: options.string("alert_id") ?? "")
            event.topic = options.string("alert_topic") ?? ""
            try await TeamsHandler(options: HandlerOptions(), services: services, logger: logger).send(event)
        case "discord":
            // The test sends its embed title as it is, not as a template.
            var literal = options
            literal["embed-title"] = nil
            var handler = try DiscordHandler(options: literal, services: services, logger: logger)
            handler.fixedTitle = options.string("embed-title")
            try await handler.send(event(message, level))
        case "pagerduty2":
            try await PagerDuty2Handler(options: HandlerOptions(), services: services, logger: logger)
                .send(event(options.string("description") ?? "", level, id: options.string("alert_id") ?? ""))
        case "telegram": try await TelegramHandler(options: options, services: services, logger: logger).send(event(message, level))
        case "victorops":
            var routed = HandlerOptions()
            routed["routing-key"] = options["routingKey"]
            try await VictorOpsHandler(options: routed, services: services, logger: logger)
                .send(
                    event(message, .critical, id: options.string("entityID") ?? ""),
                    messageType: options.string("messageType") ?? "CRITICAL")
        case "smtp":
            try await EmailHandler(options: HandlerOptions(), services: services, logger: logger)
                .send(subject: options.string("subject") ?? "", body: options.string("body") ?? "", to: options.strings("to"))
        case "pushover": try await PushoverHandler(options: options, services: services, logger: logger).send(event(message, level))
        case "opsgenie2":
            let type = options.string("message-type") ?? "CRITICAL"
            let testLevel = type.uppercased() == "RECOVERY" ? AlertLevel.ok : AlertLevel(name: type) ?? .critical
            var given = HandlerOptions()
            given["teams-list"] = options["teams"]
            given["recipients-list"] = options["recipients"]
            given["recovery_action"] = options["recovery_action"]
            try await OpsGenie2Handler(options: given, services: services, logger: logger)
                .send(event(message, testLevel, id: options.string("entity-id") ?? ""))
        case "httppost":
            var post = HandlerOptions(["url": options["url"] ?? .string("")])
            post["headers"] = options["headers"]
            try await PostHandler(options: post, services: services, logger: logger).send(event("", .ok), anyStatus: true)
        case "alerta":
            var given = options
            given["timeout"] = options.string("timeout").flatMap { ConfigDuration(parsing: $0) }.map { .duration($0.nanoseconds) }
            try await AlertaHandler(options: given, services: services, logger: logger)
                .send(event(message, AlertLevel(name: options.string("severity") ?? "") ?? .critical))
        case "sensu":
            try await SensuHandler(options: options, services: services, logger: logger)
                .send(event(options.string("output") ?? "", level, id: options.string("name") ?? ""))
        case "bigpanda":
            var given = HandlerOptions()
            given["app-key"] = options["app_key"]
            var test = event(message, level)
            test.taskName = ""
            try await BigPandaHandler(options: given, services: services, logger: logger).send(test)
        case "servicenow":
            var given = options
            given["metric_name"] = nil
            given["message_key"] = nil
            given["metricname"] = options["metric_name"]
            given["messagekey"] = options["message_key"]
            given["url"] = nil
            try await ServiceNowHandler(options: given, services: services, logger: logger)
                .send(event(message, level, id: options.string("alert_id") ?? ""))
        case "zenoss":
            var given = options
            given["message"] = nil
            given["customField"] = options["custom_fields"]
            try await ZenossHandler(options: given, services: services, logger: logger)
                .send(event(message, level, id: options.string("alert_id") ?? ""))
        case "talk":
            try await TalkHandler(services: services, logger: logger)
                .send(title: options.string("title") ?? "", text: options.string("text") ?? "")
        case "mqtt":
            var given = options
            given["topic"] = nil
            try await MQTTHandler(options: given, services: services, logger: logger)
                .publish(topic: options.string("topic") ?? "", message: message)
        case "snmptrap":
            try await SNMPTrapHandler(options: HandlerOptions(), services: services, logger: logger)
                .send(trapOID: options.string("trap-oid") ?? "", data: SNMPTrapHandler.dataList(options))
        case "pagerduty":
            var test = event(options.string("description") ?? "", level, id: options.string("incident-key") ?? "")
            test.state.details = options.string("details") ?? ""
            try await PagerDutyHandler(options: HandlerOptions(), services: services, logger: logger).send(test)
        case "opsgenie":
            var given = HandlerOptions()
            given["teams-list"] = options["teams"]
            given["recipients-list"] = options["recipients"]
            try await OpsGenieHandler(options: given, services: services, logger: logger)
                .send(
                    event(message, .critical, id: options.string("entity-id") ?? ""),
                    messageType: options.string("message-type") ?? "CRITICAL")
        default: throw HandlerRefusal("service \"\(name)\" not found")
        }
    }

    private static func event(_ message: String, _ level: AlertLevel, id: String = "") -> AlertEvent {
        AlertEvent(
            topic: "", id: id, state: EventState(level: level, message: message, details: "", time: 0, duration: 0), previousLevel: .ok,
            recoverable: false, data: [])
    }
}
