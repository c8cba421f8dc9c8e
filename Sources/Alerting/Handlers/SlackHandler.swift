import Logging
import SundialConfig
import TimeSeries

/// `.slack()`: the message as one attachment coloured by level (`danger`, `warning`, `good`), to a workspace's
/// webhook or `chat.postMessage` (with its token as a bearer), as Kapacitor's Slack service posts it.
struct SlackHandler: SendingHandler {
    let failureText = "slack handler: failed to send event"
    let workspaceName: String
    /// Resolved at each send: the config API may have changed or removed the workspace since the handler was made.
    var workspace: SlackSection {
        get throws(HandlerRefusal) {
            try HandlerServices.workspace(
                workspaceName, in: services.configuration.slackWorkspaces, named: \.workspace, isDefault: \.isDefault, service: "slack")
        }
    }
    let options: HandlerOptions
    let services: HandlerServices
    let logger: Logger

    init(options: HandlerOptions, services: HandlerServices, logger: Logger) throws(HandlerRefusal) {
        workspaceName = options.string("workspace") ?? ""
        self.services = services
        self.options = options
        self.logger = logger
        _ = try workspace
    }

    func send(_ event: AlertEvent) async throws(HandlerRefusal) {
        let workspace = try self.workspace
        guard workspace.enabled else { throw HandlerRefusal("service is not enabled", isPermanent: true) }
        let color = event.state.level == .critical ? "danger" : event.state.level == .warning ? "warning" : "good"
        let message = event.state.message
        let attachment = TemplateValue.object([
            ("fallback", .string(message)), ("color", .string(color)), ("text", .string(message)), ("mrkdwn_in", .list([.string("text")])),
        ])
        let body = TemplateValue.object([
            ("attachments", .list([attachment])), ("channel", .string(options.string("channel").nonEmpty ?? workspace.channel)),
            ("icon_emoji", .string(options.string("icon-emoji").nonEmpty ?? workspace.iconEmoji)), ("text", .string("")),
            ("username", .string(options.string("username").nonEmpty ?? workspace.username)),
        ])
        let headers = workspace.token.isEmpty ? [] : [("Authorization", "Bearer \(workspace.token)")]
        try await ServicePost(service: "Slack", url: workspace.url, headers: headers, success: [200], client: services.client)
            .send(body.json + "\n")
    }
}

extension SlackHandler {
    static let kind = HandlerKind(
        "slack", property: "slack",
        globalSwitch: HandlerKind.globalSwitch { $0.defaultSlack },
        test: ServiceTest(
            name: "slack",
            defaults: { services in
                let workspace = services.defaultSlack
                return [
                    ("workspace", .string(workspace?.workspace ?? "")), ("channel", .string(workspace?.channel ?? "")),
                    ("message", .string("test slack message")), ("level", .string("CRITICAL")), ("username", .string("")),
                    ("icon-emoji", .string("")),
                ]
            },
            send: { options, services, logger throws(HandlerRefusal) in
                try await SlackHandler(options: options, services: services, logger: logger).send(ServiceTest.event(options))
            }),
        make: { options, services, logger throws(HandlerRefusal) in try SlackHandler(options: options, services: services, logger: logger) }
    )
}
