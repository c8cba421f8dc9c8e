public import AsyncHTTPClient
public import Logging
import NIOCore
public import SundialConfig

/// What handlers send through: the services `kapacitor.conf` configures (the sections of
/// `SundialConfig/Sections/AlertServiceSections.swift`) as the config API may since have changed them, the programs
/// `.exec()` may run, where `.log()` may write, the HTTP client, and the tasks service's own URL (PagerDuty's
/// `client_url`). Handlers read the services at each send, so a change through the config API reaches running tasks.
public struct HandlerServices: Sendable {
    public let settings: AlertServiceSettings
    public var logFiles: LogFilePolicy
    /// Absolute paths of the programs `.exec()` may run (`[task] alert-exec-programs`).
    public var execPrograms: Set<String>
    public var tasksURL: String
    public var client: HTTPClient
    /// Where sending handlers' events go to be delivered durably; nil: each is sent once, as Kapacitor does.
    public var outbox: AlertOutbox?
    /// Where service tests' handlers log.
    public var logger = Logger(label: "alert-handlers")

    public init(
        configuration: SundialConfiguration = .init(), logFiles: LogFilePolicy = .anywhere, execPrograms: Set<String> = [],
        tasksURL: String = "http://localhost:9092", client: HTTPClient = HandlerServices.sharedClient, outbox: AlertOutbox? = nil
    ) {
        self.outbox = outbox
        settings = AlertServiceSettings(configuration)
        self.logFiles = logFiles
        self.execPrograms = execPrograms
        self.tasksURL = tasksURL
        self.client = client
    }

    /// One client for the process (never shut down, like `HTTPClient.shared`). An endpoint that refuses connections
    /// fails the attempt at once, as Go's client does, so the outbox retries it on its own schedule instead of the
    /// client retrying until the attempt's deadline.
    public static let sharedClient: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout = .init(connect: .seconds(10))
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// The services now, for Kapacitor's config API view (`SundialConfiguration.configElements`).
    public var configuration: SundialConfiguration { settings.current }

    // Without a section Kapacitor still has one workspace, the default, off: a task naming the handler starts, and
    // each event is logged as not sent because the service is not enabled.
    public var slack: [SlackSection] { configuration.slackWorkspaces }
    public var discord: [DiscordSection] { configuration.discordWorkspaces }
    public var teams: TeamsSection { configuration.teams }
    public var pagerDuty2: PagerDuty2Section { configuration.pagerDuty2 }
    public var telegram: TelegramSection { configuration.telegram }
    public var httpPost: [HTTPPostSection] { configuration.httpPost }
    public var victorOps: VictorOpsSection { configuration.victorOps }
    public var pushover: PushoverSection { configuration.pushover }
    public var opsGenie2: OpsGenie2Section { configuration.opsGenie2 }
    public var smtp: SMTPSection { configuration.smtp }
    public var alerta: AlertaSection { configuration.alerta }
    public var sensu: SensuSection { configuration.sensu }
    public var bigPanda: BigPandaSection { configuration.bigPanda }
    public var serviceNow: ServiceNowSection { configuration.serviceNow }
    public var zenoss: ZenossSection { configuration.zenoss }
    public var talk: TalkSection { configuration.talk }
    public var pagerDuty: PagerDutySection { configuration.pagerDuty }
    public var opsGenie: OpsGenieSection { configuration.opsGenie }
    public var snmpTrap: SNMPTrapSection { configuration.snmpTrap }
    public var mqtt: [MQTTSection] { configuration.mqtt }

    /// The workspace a handler that names none uses: the only one, or the one marked default.
    var defaultSlack: SlackSection? { slack.count == 1 ? slack.first : slack.first(where: \.isDefault) }
    var defaultDiscord: DiscordSection? { discord.count == 1 ? discord.first : discord.first(where: \.isDefault) }

    /// The services configured `global`, whose handler every alert node gets, and whether each also makes the node
    /// send state changes only.
    public var globalKinds: [(kind: String, stateChangesOnly: Bool)] {
        let configuration = configuration
        let (teams, pagerDuty2, telegram) = (configuration.teams, configuration.pagerDuty2, configuration.telegram)
        let (victorOps, opsGenie2, smtp) = (configuration.victorOps, configuration.opsGenie2, configuration.smtp)
        var kinds: [(String, Bool)] = []
        if let defaultSlack, defaultSlack.enabled, defaultSlack.global { kinds.append(("slack", defaultSlack.stateChangesOnly)) }
        if teams.enabled, teams.global { kinds.append(("teams", teams.stateChangesOnly)) }
        if let defaultDiscord, defaultDiscord.enabled, defaultDiscord.global { kinds.append(("discord", defaultDiscord.stateChangesOnly)) }
        if pagerDuty2.enabled, pagerDuty2.global { kinds.append(("pagerduty2", false)) }
        if telegram.enabled, telegram.global { kinds.append(("telegram", telegram.stateChangesOnly)) }
        if victorOps.enabled, victorOps.global { kinds.append(("victorops", false)) }
        if opsGenie2.enabled, opsGenie2.global { kinds.append(("opsgenie2", false)) }
        if smtp.enabled, smtp.global { kinds.append(("smtp", smtp.stateChangesOnly)) }
        let bigPanda = configuration.bigPanda
        if bigPanda.enabled, bigPanda.global { kinds.append(("bigpanda", bigPanda.stateChangesOnly)) }
        let (serviceNow, zenoss) = (configuration.serviceNow, configuration.zenoss)
        if serviceNow.enabled, serviceNow.global { kinds.append(("servicenow", serviceNow.stateChangesOnly)) }
        if zenoss.enabled, zenoss.global { kinds.append(("zenoss", zenoss.stateChangesOnly)) }
        if configuration.pagerDuty.enabled, configuration.pagerDuty.global { kinds.append(("pagerduty", false)) }
        if configuration.opsGenie.enabled, configuration.opsGenie.global { kinds.append(("opsgenie", false)) }
        return kinds
    }

    /// Kapacitor's choice among workspaces: the named one, or for "" the default (a single one is the default).
    static func workspace<Section>(
        _ name: String, in sections: [Section], named: (Section) -> String, isDefault: (Section) -> Bool, service: String
    ) throws(HandlerRefusal) -> Section {
        guard !sections.isEmpty else { throw HandlerRefusal("no \(service) configuration found", isPermanent: true) }
        if name.isEmpty {
            if sections.count == 1 { return sections[0] }
            if let chosen = sections.first(where: isDefault) { return chosen }
        } else if let chosen = sections.first(where: { named($0) == name }) {
            return chosen
        }
        throw HandlerRefusal("workspace id not found", isPermanent: true)
    }
}

/// Why a handler cannot be made or an event not sent (`service is not enabled`, `workspace id not found`).
public struct HandlerRefusal: Error, Sendable, CustomStringConvertible {
    public let description: String
    /// A refusal that trying again cannot change (the service is off, a template fails on the event): the outbox
    /// makes the delivery a dead letter at once instead of retrying it.
    public let isPermanent: Bool

    public init(_ description: String, isPermanent: Bool = false) {
        self.description = description
        self.isPermanent = isPermanent
    }
}
