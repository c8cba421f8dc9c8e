import Logging
import SundialConfig
import TimeSeries

/// `.teams()`: a MessageCard titled `LEVEL: [id]`, its summary cut at 70 bytes and always ended with `...`, as
/// Kapacitor's Teams service posts it.
struct TeamsHandler: SendingHandler {
    let failureText = "teams handler: failed to send event to Teams"
    let channelURLOption: String?
    var channelURL: String { channelURLOption ?? section.channelURL }
    /// Read at each send: the config API may have changed the service since the handler was made.
    var section: TeamsSection { services.configuration.teams }
    let services: HandlerServices
    let logger: Logger

    init(options: HandlerOptions, services: HandlerServices, logger: Logger) {
        channelURLOption = options.string("channel-url").nonEmpty
        self.services = services
        self.logger = logger
    }

    func send(_ event: AlertEvent) async throws(HandlerRefusal) {
        guard section.enabled else { throw HandlerRefusal("service is not enabled", isPermanent: true) }
        let level = event.state.level.description
        let title =
            event.id.isEmpty ? (event.topic.isEmpty ? level : "\(level): [\(event.topic)]") : "\(level): [\(event.id)]"
        let summary = title == level ? "\(level): \(event.state.message)" : "\(title) - \(event.state.message)"
        let cut = String(decoding: Array(summary.utf8.prefix(70)), as: UTF8.self) + "..."
        let color = event.state.level == .critical ? "CC4A31" : event.state.level == .warning ? "FFA533" : "34CC25"
        let body = TemplateValue.object([
            ("@type", .string("MessageCard")), ("@context", .string("http://schema.org/extensions")), ("title", .string(title)),
            ("text", .string(event.state.message)), ("summary", .string(cut)), ("themeColor", .string(color)),
        ])
        try await ServicePost(service: "Teams", url: channelURL, headers: [], success: [200, 204], client: services.client)
            .send(body.json)
    }
}

extension TeamsHandler {
    static let kind = HandlerKind(
        "teams", property: "teams",
        globalSwitch: HandlerKind.globalSwitch { $0.configuration.teams },
        test: ServiceTest(
            name: "teams",
            defaults: { _ in
                [
                    // Kapacitor lists the configured webhook here (and its test ignores it); Sundial never shows a secret.
                    ("channel_url", .string("")), ("alert_topic", .string("test kapacitor alert topic")),
                    ("alert_id", .string("foo/bar/bat")), ("message", .string("test teams message")), ("level", .string("CRITICAL")),
                ]
            },
            send: { options, services, logger throws(HandlerRefusal) in
                var event = ServiceTest.event(options, id: options.string("alert_id") ?? "")
                event.topic = options.string("alert_topic") ?? ""
                try await TeamsHandler(options: HandlerOptions(), services: services, logger: logger).send(event)
            }),
        make: { options, services, logger in TeamsHandler(options: options, services: services, logger: logger) })
}
