public import AsyncHTTPClient
public import Logging
public import SundialConfig

/// What handlers send through: the services `kapacitor.conf` configures (the sections of
/// `SundialConfig/Sections/AlertServiceSections.swift`), the programs `.exec()` may run, where `.log()` may write, the HTTP client, and the tasks service's own URL (PagerDuty's
/// `client_url`).
public struct HandlerServices: Sendable {
    public var slack: [SlackSection]
    public var teams: TeamsSection
    public var discord: [DiscordSection]
    public var pagerDuty2: PagerDuty2Section
    public var telegram: TelegramSection
    public var httpPost: [HTTPPostSection]
    public var victorOps: VictorOpsSection
    public var pushover: PushoverSection
    public var opsGenie2: OpsGenie2Section
    public var smtp: SMTPSection
    public var logFiles: LogFilePolicy
    /// Absolute paths of the programs `.exec()` may run (`[task] alert-exec-programs`).
    public var execPrograms: Set<String>
    public var tasksURL: String
    public var client: HTTPClient
    /// Where service tests' handlers log.
    public var logger = Logger(label: "alert-handlers")

    public init(
        slack: [SlackSection] = [], teams: TeamsSection = .init(), discord: [DiscordSection] = [],
        pagerDuty2: PagerDuty2Section = .init(), telegram: TelegramSection = .init(), httpPost: [HTTPPostSection] = [],
        victorOps: VictorOpsSection = .init(), pushover: PushoverSection = .init(), opsGenie2: OpsGenie2Section = .init(),
        smtp: SMTPSection = .init(),
        logFiles: LogFilePolicy = .anywhere, execPrograms: Set<String> = [], tasksURL: String = "http://localhost:9092",
        client: HTTPClient = .shared
    ) {
        // Without a section Kapacitor still has one workspace, the default, off: a task naming the handler starts, and
        // each event is logged as not sent because the service is not enabled.
        var configuration = SundialConfiguration()
        configuration.slack = slack
        configuration.discord = discord
        self.slack = configuration.slackWorkspaces
        self.teams = teams
        self.discord = configuration.discordWorkspaces
        self.pagerDuty2 = pagerDuty2
        self.telegram = telegram
        self.httpPost = httpPost
        self.victorOps = victorOps
        self.pushover = pushover
        self.opsGenie2 = opsGenie2
        self.smtp = smtp
        self.logFiles = logFiles
        self.execPrograms = execPrograms
        self.tasksURL = tasksURL
        self.client = client
    }

    /// The services as a configuration, for Kapacitor's config API view (`SundialConfiguration.configElements`).
    public var configuration: SundialConfiguration {
        var configuration = SundialConfiguration()
        configuration.slack = slack
        configuration.teams = teams
        configuration.discord = discord
        configuration.pagerDuty2 = pagerDuty2
        configuration.telegram = telegram
        configuration.httpPost = httpPost
        configuration.victorOps = victorOps
        configuration.pushover = pushover
        configuration.opsGenie2 = opsGenie2
        configuration.smtp = smtp
        return configuration
    }

    /// The workspace a handler that names none uses: the only one, or the one marked default.
    var defaultSlack: SlackSection? { slack.count == 1 ? slack.first : slack.first(where: \.isDefault) }
    var defaultDiscord: DiscordSection? { discord.count == 1 ? discord.first : discord.first(where: \.isDefault) }

    /// The services configured `global`, whose handler every alert node gets, and whether each also makes the node
    /// send state changes only.
    public var globalKinds: [(kind: String, stateChangesOnly: Bool)] {
        var kinds: [(String, Bool)] = []
        if let defaultSlack, defaultSlack.enabled, defaultSlack.global { kinds.append(("slack", defaultSlack.stateChangesOnly)) }
        if teams.enabled, teams.global { kinds.append(("teams", teams.stateChangesOnly)) }
        if let defaultDiscord, defaultDiscord.enabled, defaultDiscord.global { kinds.append(("discord", defaultDiscord.stateChangesOnly)) }
        if pagerDuty2.enabled, pagerDuty2.global { kinds.append(("pagerduty2", false)) }
        if telegram.enabled, telegram.global { kinds.append(("telegram", telegram.stateChangesOnly)) }
        if victorOps.enabled, victorOps.global { kinds.append(("victorops", false)) }
        if opsGenie2.enabled, opsGenie2.global { kinds.append(("opsgenie2", false)) }
        if smtp.enabled, smtp.global { kinds.append(("smtp", smtp.stateChangesOnly)) }
        return kinds
    }

    /// Kapacitor's choice among workspaces: the named one, or for "" the default (a single one is the default).
    static func workspace<Section>(
        _ name: String, in sections: [Section], named: (Section) -> String, isDefault: (Section) -> Bool, service: String
    ) throws(HandlerRefusal) -> Section {
        guard !sections.isEmpty else { throw HandlerRefusal("no \(service) configuration found") }
        if name.isEmpty {
            if sections.count == 1 { return sections[0] }
            if let chosen = sections.first(where: isDefault) { return chosen }
        } else if let chosen = sections.first(where: { named($0) == name }) {
            return chosen
        }
        throw HandlerRefusal("workspace id not found")
    }
}

/// Why a handler cannot be made or an event not sent (`service is not enabled`, `workspace id not found`).
public struct HandlerRefusal: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
