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

    /// The workspace a handler that names none uses: the only one, or the one marked default. Without any section
    /// Kapacitor still has one workspace, the default, off: a task naming the handler starts, and each event is logged
    /// as not sent because the service is not enabled.
    var defaultSlack: SlackSection? { Self.defaultWorkspace(configuration.slackWorkspaces, isDefault: \.isDefault) }
    var defaultDiscord: DiscordSection? { Self.defaultWorkspace(configuration.discordWorkspaces, isDefault: \.isDefault) }

    static func defaultWorkspace<Section>(_ sections: [Section], isDefault: (Section) -> Bool) -> Section? {
        sections.count == 1 ? sections.first : sections.first(where: isDefault)
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
