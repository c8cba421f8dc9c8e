public import Logging
public import SundialConfig
import TimeSeries

/// `.slack()`: the message as one attachment coloured by level (`danger`, `warning`, `good`), to a workspace's
/// webhook or `chat.postMessage` (with its token as a bearer), as Kapacitor's Slack service posts it.
public struct SlackHandler: AlertHandler {
    let workspace: SlackSection
    let options: HandlerOptions
    let services: HandlerServices
    let logger: Logger

    init(options: HandlerOptions, services: HandlerServices, logger: Logger) throws(HandlerRefusal) {
        workspace = try HandlerServices.workspace(
            options.string("workspace") ?? "", in: services.slack, named: \.workspace, isDefault: \.isDefault, service: "slack")
        self.options = options
        self.services = services
        self.logger = logger
    }

    public func handle(_ event: AlertEvent) async {
        do {
            try await send(event)
        } catch {
            logger.error("slack handler: failed to send event: \(error)")
        }
    }

    func send(_ event: AlertEvent) async throws(HandlerRefusal) {
        guard workspace.enabled else { throw HandlerRefusal("service is not enabled") }
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

/// `.teams()`: a MessageCard titled `LEVEL: [id]`, its summary cut at 70 bytes and always ended with `...`, as
/// Kapacitor's Teams service posts it.
public struct TeamsHandler: AlertHandler {
    let channelURL: String
    let section: TeamsSection
    let services: HandlerServices
    let logger: Logger

    init(options: HandlerOptions, services: HandlerServices, logger: Logger) {
        section = services.teams
        channelURL = options.string("channel-url").nonEmpty ?? services.teams.channelURL
        self.services = services
        self.logger = logger
    }

    public func handle(_ event: AlertEvent) async {
        do {
            try await send(event)
        } catch {
            logger.error("teams handler: failed to send event to Teams: \(error)")
        }
    }

    func send(_ event: AlertEvent) async throws(HandlerRefusal) {
        guard section.enabled else { throw HandlerRefusal("service is not enabled") }
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

/// `.discord()`: one embed coloured by level, its title from the `embed-title` template, as Kapacitor's Discord
/// service posts it (a webhook answers 204).
public struct DiscordHandler: AlertHandler {
    let workspace: DiscordSection
    let options: HandlerOptions
    let embedTitle: AlertTemplate?
    /// A service test's title, sent as it is.
    var fixedTitle: String?
    let services: HandlerServices
    let logger: Logger

    init(options: HandlerOptions, services: HandlerServices, logger: Logger) throws(HandlerRefusal) {
        workspace = try HandlerServices.workspace(
            options.string("workspace") ?? "", in: services.discord, named: \.workspace, isDefault: \.isDefault, service: "discord")
        do {
            embedTitle = try options.string("embed-title").map { try AlertTemplate($0) }
        } catch {
            throw HandlerRefusal("failed to create Discord handler: \(error)")
        }
        self.options = options
        self.services = services
        self.logger = logger
    }

    public func handle(_ event: AlertEvent) async {
        do {
            try await send(event)
        } catch {
            logger.error("discord handler: failed to send event to Discord: \(error)")
        }
    }

    func send(_ event: AlertEvent) async throws(HandlerRefusal) {
        guard workspace.enabled else { throw HandlerRefusal("service is not enabled") }
        let title: String
        do {
            title = try fixedTitle ?? embedTitle?.render(event.templateData) ?? ""
        } catch {
            throw HandlerRefusal("failed to evaluate Discord template: \(error)")
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

extension Optional where Wrapped == String {
    /// The text unless it is absent or empty: handler options fall back to the service's config then.
    var nonEmpty: String? {
        guard let self, !self.isEmpty else { return nil }
        return self
    }
}
