import Logging
import SundialConfig
import TimeSeries

/// `.discord()`: one embed coloured by level, its title from the `embed-title` template, as Kapacitor's Discord
/// service posts it (a webhook answers 204).
struct DiscordHandler: SendingHandler {
    let failureText = "discord handler: failed to send event to Discord"
    let workspaceName: String
    /// Resolved at each send: the config API may have changed or removed the workspace since the handler was made.
    var workspace: DiscordSection {
        get throws(HandlerRefusal) {
            try HandlerServices.workspace(
                workspaceName, in: services.configuration.discordWorkspaces, named: \.workspace, isDefault: \.isDefault, service: "discord")
        }
    }
    let options: HandlerOptions
    let embedTitle: AlertTemplate?
    /// A service test's title, sent as it is.
    var fixedTitle: String?
    let services: HandlerServices
    let logger: Logger

    init(options: HandlerOptions, services: HandlerServices, logger: Logger) throws(HandlerRefusal) {
        workspaceName = options.string("workspace") ?? ""
        self.services = services
        do {
            embedTitle = try options.string("embed-title").map { try AlertTemplate($0) }
        } catch {
            throw HandlerRefusal("failed to create Discord handler: \(error)")
        }
        self.options = options
        self.logger = logger
        _ = try workspace
    }

    func send(_ event: AlertEvent) async throws(HandlerRefusal) {
        let workspace = try self.workspace
        guard workspace.enabled else { throw HandlerRefusal("service is not enabled", isPermanent: true) }
        let title: String
        do {
            title = try fixedTitle ?? embedTitle?.render(event.templateData) ?? ""
        } catch {
            throw HandlerRefusal("failed to evaluate Discord template: \(error)", isPermanent: true)
        }
        let color: Int64 = event.state.level == .critical ? 0xF9_5F53 : event.state.level == .warning ? 0xF4_8D38 : 0x7A_65F2
        let embed = TemplateValue.object([
            ("color", .int(color)), ("title", .string(title)), ("description", .string(event.state.message)),
            ("timestamp", .string(workspace.timestamp ? GoTime.rfc3339(event.state.time) : "")),
        ])
        let body = TemplateValue.object([
            ("avatar_url", .string(options.string("avatar-url").nonEmpty ?? workspace.avatarURL)), ("embeds", .list([embed])),
            ("username", .string(options.string("username").nonEmpty ?? workspace.username)),
        ])
        try await ServicePost(service: "Discord", url: workspace.url, headers: [], success: [204], client: services.client)
            .send(body.json + "\n")
    }
}

extension DiscordHandler {
    static let kind = HandlerKind(
        "discord", property: "discord",
        globalSwitch: HandlerKind.globalSwitch { $0.defaultDiscord },
        test: ServiceTest(
            name: "discord",
            defaults: { services in
                [
                    ("workspace", .string(services.defaultDiscord?.workspace ?? "")), ("message", .string("test discord message")),
                    ("level", .string("INFO")), ("username", .string("Kapacitor")),
                    (
                        "avatar-url",
                        .string("https://influxdata.github.io/branding/img/downloads/influxdata-logo--symbol--pool-alpha.png")
                    ),
                    ("embed-title", .string("Kapacitor Alert")), ("time-val", .string("1970-01-01T00:00:01Z")),
                ]
            },
            send: { options, services, logger throws(HandlerRefusal) in
                // The test sends its embed title as it is, not as a template.
                var literal = options
                literal["embed-title"] = nil
                var handler = try DiscordHandler(options: literal, services: services, logger: logger)
                handler.fixedTitle = options.string("embed-title")
                try await handler.send(ServiceTest.event(options))
            }),
        make: { options, services, logger throws(HandlerRefusal) in try DiscordHandler(options: options, services: services, logger: logger)
        })
}
