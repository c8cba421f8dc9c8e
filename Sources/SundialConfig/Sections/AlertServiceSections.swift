/// `kapacitor.conf`'s alert-handler services, each with Kapacitor's keys, defaults and validation texts: `[[slack]]`
/// and `[[discord]]` (workspaces, one the default), `[teams]`, `[pagerduty2]`, `[telegram]`, `[[httppost]]`,
/// `[victorops]`, `[pushover]`, `[opsgenie2]`, `[smtp]`. The handlers that send through them are in `Alerting`.

/// Keys every workspace-style service shares: TLS settings Sundial does not apply to a handler's own client yet.
private func unsupportedTLSKeys<Section>(
    _ ca: WritableKeyPath<Section, String>, _ certificate: WritableKeyPath<Section, String>, _ key: WritableKeyPath<Section, String>,
    _ skip: WritableKeyPath<Section, Bool>
) -> [ConfigKey<Section>] {
    let note = "the system's trust store and full verification are used"
    return [
        .value("ssl-ca", ca, support: .ignored(note)), .value("ssl-cert", certificate, support: .ignored(note)),
        .value("ssl-key", key, support: .ignored(note)), .value("insecure-skip-verify", skip, support: .ignored(note)),
    ]
}

/// One `[[slack]]` workspace (Kapacitor also takes a single `[slack]` table).
public struct SlackSection: Sendable, ConfigSection, Equatable {
    public var enabled = false
    public var isDefault = false
    public var workspace = ""
    /// An incoming webhook, or `https://slack.com/api/chat.postMessage` with `token`.
    public var url = ""
    public var token = ""
    public var channel = ""
    public var username = "kapacitor"
    public var iconEmoji = ""
    public var global = false
    public var stateChangesOnly = false
    public var sslCA = ""
    public var sslCertificate = ""
    public var sslKey = ""
    public var insecureSkipVerify = false

    public init() {}

    static var keys: [ConfigKey<SlackSection>] {
        [
            .value("enabled", \.enabled), .value("default", \.isDefault), .value("workspace", \.workspace),
            .value("url", \.url, isSecret: true), .value("token", \.token, isSecret: true), .value("channel", \.channel),
            .value("username", \.username), .value("icon-emoji", \.iconEmoji), .value("global", \.global),
            .value("state-changes-only", \.stateChangesOnly),
        ] + unsupportedTLSKeys(\.sslCA, \.sslCertificate, \.sslKey, \.insecureSkipVerify)
    }

    func validate() -> [ConfigProblem] {
        enabled && url.isEmpty ? [ConfigProblem(key: "url", message: "must specify url")] : []
    }
}

/// `[teams]`: Microsoft Teams through a channel's incoming webhook.
public struct TeamsSection: Sendable, ConfigSection, Equatable {
    public var enabled = false
    public var channelURL = ""
    public var global = false
    public var stateChangesOnly = false

    public init() {}

    static var keys: [ConfigKey<TeamsSection>] {
        [
            // The webhook's URL carries its token: shown only as whether it is set (Kapacitor shows it).
            .value("enabled", \.enabled), .value("channel-url", \.channelURL, isSecret: true), .value("global", \.global),
            .value("state-changes-only", \.stateChangesOnly),
        ]
    }

    func validate() -> [ConfigProblem] {
        enabled && channelURL.isEmpty ? [ConfigProblem(key: "channel-url", message: "must specify Teams channel webhook URL")] : []
    }
}

/// One `[[discord]]` workspace: a channel's webhook.
public struct DiscordSection: Sendable, ConfigSection, Equatable {
    public var enabled = false
    public var isDefault = false
    public var workspace = ""
    public var url = ""
    /// Whether embeds carry the alert's time.
    public var timestamp = false
    public var username = ""
    public var avatarURL = ""
    public var embedTitle = ""
    public var global = false
    public var stateChangesOnly = false
    public var sslCA = ""
    public var sslCertificate = ""
    public var sslKey = ""
    public var insecureSkipVerify = false

    public init() {}

    static var keys: [ConfigKey<DiscordSection>] {
        [
            .value("enabled", \.enabled), .value("default", \.isDefault), .value("workspace", \.workspace),
            .value("url", \.url, isSecret: true), .value("timestamp", \.timestamp), .value("username", \.username),
            .value("avatar-url", \.avatarURL),
            .value("embed-title", \.embedTitle, support: .ignored("as in Kapacitor, the title is the handler's .embedTitle()")),
            .value("global", \.global),
            .value("state-changes-only", \.stateChangesOnly),
        ] + unsupportedTLSKeys(\.sslCA, \.sslCertificate, \.sslKey, \.insecureSkipVerify)
    }

    func validate() -> [ConfigProblem] {
        enabled && url.isEmpty ? [ConfigProblem(key: "url", message: "Must specify the Discord channel webhook URL")] : []
    }
}

/// The rules Kapacitor applies to a service's list of workspaces: names when there are several, one default,
/// `global` and `state-changes-only` only on the default.
enum WorkspaceRules {
    static func problems(name: String, workspaces: [(workspace: String, isDefault: Bool, global: Bool, stateChangesOnly: Bool)]) -> [String]
    {
        var problems: [String] = []
        if workspaces.count > 1, workspaces.contains(where: { $0.workspace.isEmpty }) { problems.append("id must not be empty") }
        for entry in workspaces {
            let isDefault = entry.isDefault || workspaces.count == 1
            if entry.global && !isDefault { problems.append("only the default config may be assigned as global") }
            if entry.stateChangesOnly && !(isDefault && entry.global) {
                problems.append("stateChangesOnly may only be assigned when the config is both default and global")
            }
        }
        if workspaces.count > 1, !workspaces.contains(where: \.isDefault) {
            problems.append("at least one \(name) config must be set as default")
        }
        return problems
    }
}

extension SundialConfiguration {
    /// Kapacitor's rules across the elements of a list section, each with the key it is reported at: `[[slack]]` and
    /// `[[discord]]` workspaces (`WorkspaceRules`), and `[[mqtt]]`, where several brokers need exactly one default.
    /// Empty for any other section.
    public func elementSetProblems(_ section: String) -> [(key: String, message: String)] {
        switch section {
        case "slack":
            WorkspaceRules.problems(name: "Slack", workspaces: slack.map { ($0.workspace, $0.isDefault, $0.global, $0.stateChangesOnly) })
                .map { ("workspace", $0) }
        case "discord":
            WorkspaceRules.problems(
                name: "Discord", workspaces: discord.map { ($0.workspace, $0.isDefault, $0.global, $0.stateChangesOnly) }
            ).map { ("workspace", $0) }
        case "mqtt":
            switch mqtt.filter(\.isDefault).count {
            case 2...: [("default", "more than one configuration is marked as the default")]
            case 0 where mqtt.count > 1: [("default", "no configuration is marked as the default")]
            default: []
            }
        default: []
        }
    }
}

/// `[pagerduty2]`: PagerDuty's Events API v2.
public struct PagerDuty2Section: Sendable, ConfigSection, Equatable {
    public var enabled = false
    public var url = "https://events.pagerduty.com/v2/enqueue"
    public var routingKey = ""
    public var global = false

    public init() {}

    static var keys: [ConfigKey<PagerDuty2Section>] {
        [
            .value("enabled", \.enabled), .value("url", \.url), .value("routing-key", \.routingKey, isSecret: true),
            .value("global", \.global),
        ]
    }

    func validate() -> [ConfigProblem] {
        url.isEmpty ? [ConfigProblem(key: "url", message: "must specify url")] : []
    }
}

/// `[telegram]`: a bot posting to a chat.
public struct TelegramSection: Sendable, ConfigSection, Equatable {
    public var enabled = false
    public var url = "https://api.telegram.org/bot"
    public var token = ""
    public var chatID = ""
    public var parseMode = ""
    public var disableWebPagePreview = false
    public var disableNotification = false
    public var global = false
    public var stateChangesOnly = false

    public init() {}

    static var keys: [ConfigKey<TelegramSection>] {
        [
            .value("enabled", \.enabled), .value("url", \.url), .value("token", \.token, isSecret: true), .value("chat-id", \.chatID),
            .value("parse-mode", \.parseMode), .value("disable-web-page-preview", \.disableWebPagePreview),
            .value("disable-notification", \.disableNotification), .value("global", \.global),
            .value("state-changes-only", \.stateChangesOnly),
        ]
    }

    func validate() -> [ConfigProblem] {
        var problems: [ConfigProblem] = []
        if enabled && url.isEmpty { problems.append(ConfigProblem(key: "url", message: "must specify url")) }
        if enabled && token.isEmpty { problems.append(ConfigProblem(key: "token", message: "must specify token")) }
        return problems
    }
}

/// One `[[httppost]]` endpoint that `.post().endpoint('name')` and `post` topic handlers name.
public struct HTTPPostSection: Sendable, ConfigSection, Equatable {
    public var endpoint = ""
    /// A template over the alert, or over the row for the httpPost node (`http://x/{{ .ID }}`).
    public var url = ""
    public var headers = StringTable()
    /// `{ username = "…", password = "…" }`; sent only when both are set.
    public var basicAuth = StringTable()
    public var alertTemplate = ""
    public var alertTemplateFile = ""
    public var rowTemplate = ""
    public var rowTemplateFile = ""

    public init() {}

    static var keys: [ConfigKey<HTTPPostSection>] {
        [
            .value("endpoint", \.endpoint), .value("url", \.url), .value("headers", \.headers, isSecret: true),
            .value("basic-auth", \.basicAuth, isSecret: true), .value("alert-template", \.alertTemplate),
            .value("alert-template-file", \.alertTemplateFile),
            .value("row-template", \.rowTemplate), .value("row-template-file", \.rowTemplateFile),
        ]
    }

    func validate() -> [ConfigProblem] {
        var problems: [ConfigProblem] = []
        if endpoint.isEmpty { problems.append(ConfigProblem(key: "endpoint", message: "must specify endpoint name")) }
        if url.isEmpty { problems.append(ConfigProblem(key: "url", message: "must specify url")) }
        if !alertTemplate.isEmpty && !alertTemplateFile.isEmpty {
            problems.append(ConfigProblem(key: "alert-template", message: "only one of alert-template and alert-template-file may be set"))
        }
        if !alertTemplateFile.isEmpty && !alertTemplateFile.hasPrefix("/") {
            problems.append(ConfigProblem(key: "alert-template-file", message: "must be an absolute path"))
        }
        if !rowTemplate.isEmpty && !rowTemplateFile.isEmpty {
            problems.append(ConfigProblem(key: "row-template", message: "only one of row-template and row-template-file may be set"))
        }
        if !rowTemplateFile.isEmpty && !rowTemplateFile.hasPrefix("/") {
            problems.append(ConfigProblem(key: "row-template-file", message: "must be an absolute path"))
        }
        return problems
    }
}

/// `[victorops]`: VictorOps' REST endpoint.
public struct VictorOpsSection: Sendable, ConfigSection, Equatable {
    public var enabled = false
    public var apiKey = ""
    public var routingKey = ""
    public var url = "https://alert.victorops.com/integrations/generic/20131114/alert"
    public var global = false
    /// Whether `data` is sent as a JSON object rather than a JSON string.
    public var jsonData = false

    public init() {}

    static var keys: [ConfigKey<VictorOpsSection>] {
        [
            .value("enabled", \.enabled), .value("api-key", \.apiKey, isSecret: true), .value("routing-key", \.routingKey),
            .value("url", \.url), .value("global", \.global), .value("json-data", \.jsonData),
        ]
    }

    func validate() -> [ConfigProblem] {
        url.isEmpty ? [ConfigProblem(key: "url", message: "url cannot be empty")] : []
    }
}

/// `[pushover]`: Pushover's messages API.
public struct PushoverSection: Sendable, ConfigSection, Equatable {
    public var enabled = false
    public var token = ""
    public var userKey = ""
    public var url = "https://api.pushover.net/1/messages.json"

    public init() {}

    static var keys: [ConfigKey<PushoverSection>] {
        [
            .value("enabled", \.enabled), .value("token", \.token, isSecret: true), .value("user-key", \.userKey, isSecret: true),
            .value("url", \.url),
        ]
    }

    func validate() -> [ConfigProblem] {
        guard enabled else { return [] }
        return [("token", token, "must specify token"), ("user-key", userKey, "must specify user key"), ("url", url, "must specify url")]
            .filter { $0.1.isEmpty }.map { ConfigProblem(key: $0.0, message: $0.2) }
    }
}

/// `[opsgenie2]`: OpsGenie's v2 alerts API.
public struct OpsGenie2Section: Sendable, ConfigSection, Equatable {
    public var enabled = false
    public var apiKey = ""
    public var teams: [String] = []
    public var recipients: [String] = []
    public var url = "https://api.opsgenie.com/v2/alerts"
    /// What an OK does to the alert: `notes` (adds a note) or `close`.
    public var recoveryAction = "notes"
    public var global = false
    /// Whether the alert's details are the description (else its data as JSON).
    public var details = false

    public init() {}

    static var keys: [ConfigKey<OpsGenie2Section>] {
        [
            .value("enabled", \.enabled), .value("api-key", \.apiKey, isSecret: true), .value("teams", \.teams),
            .value("recipients", \.recipients), .value("url", \.url), .value("recovery_action", \.recoveryAction),
            .value("global", \.global), .value("details", \.details),
        ]
    }

    func validate() -> [ConfigProblem] {
        var problems: [ConfigProblem] = []
        if url.isEmpty { problems.append(ConfigProblem(key: "url", message: "url cannot be empty")) }
        if recoveryAction.isEmpty { problems.append(ConfigProblem(key: "recovery_action", message: "recovery_action cannot be empty")) }
        if enabled && apiKey.isEmpty { problems.append(ConfigProblem(key: "api-key", message: "api-key cannot be empty")) }
        return problems
    }
}

/// `[smtp]`: the mail server `.email()` sends through.
public struct SMTPSection: Sendable, ConfigSection, Equatable {
    public var enabled = false
    public var host = "localhost"
    public var port = 25
    public var username = ""
    public var password = ""
    public var noVerify = false
    public var global = false
    public var stateChangesOnly = false
    public var from = ""
    public var to: [String] = []
    public var toTemplates: [String] = []
    public var idleTimeout = ConfigDuration.seconds(30)

    public init() {}

    static var keys: [ConfigKey<SMTPSection>] {
        [
            .value("enabled", \.enabled), .value("host", \.host), .value("port", \.port), .value("username", \.username),
            .value("password", \.password, isSecret: true), .value("no-verify", \.noVerify), .value("global", \.global),
            .value("state-changes-only", \.stateChangesOnly), .value("from", \.from), .value("to", \.to),
            // Kapacitor reads it into its config and never uses it either.
            .value("toTemplates", \.toTemplates, support: .ignored("address templates are given per handler: .toTemplates()")),
            .value("idle-timeout", \.idleTimeout, support: .ignored("Sundial connects for each mail")),
        ]
    }

    func validate() -> [ConfigProblem] {
        var problems: [ConfigProblem] = []
        if host.isEmpty { problems.append(ConfigProblem(key: "host", message: "host cannot be empty")) }
        if port <= 0 { problems.append(ConfigProblem(key: "port", message: "invalid port \(port)")) }
        if enabled && from.isEmpty { problems.append(ConfigProblem(key: "from", message: "must provide a 'from' address")) }
        return problems
    }
}
