import Alerting
import ContinuousQueries
import ControlService
import DataDirectory
import Foundation
import Hummingbird
import Logging
import QueryEngine
import ServerLogging
import ServiceLifecycle
import Storage
import StoreAccess
import StoreService
import SundialConfig
import TaskService
import UnixSignals

/// Turns a configuration into the services `sundial serve` runs, each named so a failure says which one.
struct ServiceAssembly {
    let configuration: SundialConfiguration
    let dataDirectory: DataDirectory
    /// The embedded store; nil when `[store] enabled = false`.
    let store: EmbeddedStore?
    /// The control plane's source 0 and Kapacitor 0.
    let startupConnections: StartupConnections?
    /// Where the tasks read and write: the embedded store, or the remote `[[influxdb]]` cluster.
    let taskBackend: TaskBackend
    /// Runs the enabled tasks over `taskBackend`; with the embedded store, fed by it in process.
    let taskRunner: TaskRunner
    /// `--safe-mode`: no stored task starts.
    let isSafeMode: Bool

    init(
        configuration: SundialConfiguration, dataDirectory: DataDirectory, store: EmbeddedStore?,
        startupConnections: StartupConnections?, taskBackend: TaskBackend, isSafeMode: Bool = false
    ) throws {
        self.isSafeMode = isSafeMode
        self.configuration = configuration
        self.dataDirectory = dataDirectory
        self.store = store
        self.startupConnections = startupConnections
        self.taskBackend = taskBackend
        let topics = try TopicRegistry(persistence: TopicStateStore(path: dataDirectory.path(of: "alerts.sqlite")))
        taskRunner = TaskRunner(
            writer: taskBackend.writer, querier: taskBackend.querier, topics: topics,
            clusterID: try TaskBackend.clusterID(in: dataDirectory), hostname: configuration.global.hostname,
            handlerServices: HandlerServices(
                configuration: configuration,
                logFiles: try configuration.task.alertLogPolicy(dataDirectory: dataDirectory),
                execPrograms: Set(configuration.task.alertExecPrograms), tasksURL: configuration.tasksURL,
                outbox: AlertOutbox(
                    persistence: try OutboxStore(path: dataDirectory.path(of: "outbox.sqlite")), policy: configuration.alertDelivery.policy,
                    logger: Logger(label: "alert-outbox"))),
            streamAccess: taskBackend.streamAccess,
            logger: Logger(label: "tasks")
        )
    }

    /// Requests in flight get this long to finish after SIGTERM; then the rest is cancelled, within 5 s in all.
    static let gracefulShutdownLimit = Duration.seconds(4)
    static let cancellationLimit = Duration.seconds(1)

    /// One line for the start-up log: what listens where, and the data directory.
    var summary: String {
        var parts: [String] = []
        if configuration.store.enabled { parts.append("store on \(configuration.store.bindAddress)") }
        parts.append("tasks on \(configuration.http.bindAddress)")
        if configuration.control.enabled { parts.append("control on \(configuration.control.bindAddress)") }
        return parts.joined(separator: ", ") + "; data in \(dataDirectory.path)"
    }

    func groupConfiguration(logger: Logger) async throws -> ServiceGroupConfiguration {
        var group = ServiceGroupConfiguration(
            services: try await services().map { service in
                .init(
                    service: service, successTerminationBehavior: .gracefullyShutdownGroup,
                    failureTerminationBehavior: .gracefullyShutdownGroup)
            },
            gracefulShutdownSignals: [.sigterm, .sigint],
            cancellationSignals: [],
            logger: logger
        )
        group.maximumGracefulShutdownDuration = Self.gracefulShutdownLimit
        group.maximumCancellationDuration = Self.cancellationLimit
        return group
    }

    /// Where `.src`, `.kap` and `.org` files are read: `resources-path`, else `canned-path`, else `<data-dir>/canned`.
    var resourcesPath: String {
        let control = configuration.control
        if !control.resourcesPath.isEmpty { return control.resourcesPath }
        if !control.cannedPath.isEmpty { return control.cannedPath }
        return dataDirectory.path(of: "canned")
    }

    /// InfluxDB's continuous querier, logging as `continuous_querier`.
    private func continuousQueryService(_ engine: StorageEngine, _ access: AccessStore) -> ContinuousQueryService {
        let store = configuration.store
        let runner = ContinuousQueryRunner(
            engine: engine, executor: QueryExecutor(engine: engine, access: access, limits: store.queryLimits),
            logger: Logger(label: "continuous_querier"), logsRuns: store.continuousQueriesLogEnabled)
        return ContinuousQueryService(
            runner: runner, runInterval: .nanoseconds(store.continuousQueriesRunInterval.nanoseconds), clock: engine.configuration.clock)
    }

    private func services() async throws -> [any Service] {
        var services: [any Service] = []
        if let store {
            let address = configuration.store.bindAddress
            let application = try StoreService.makeApplication(
                engine: store.engine,
                access: store.access,
                configuration: .init(
                    host: address.bindHost, port: address.port, authEnabled: configuration.store.authEnabled,
                    queryLimits: configuration.store.queryLimits,
                    listener: configuration.store.listener.options(tls: configuration.storeTLS),
                    allowedOrigins: configuration.store.corsAllowedOrigins, sharedSecret: configuration.store.sharedSecret),
                logger: Logger(label: "store")
            )
            services.append(NamedService(name: "store", address: address, wrapped: application))
            services.append(StorageMaintenanceService(engine: store.engine, logger: Logger(label: "storage")))
            if configuration.store.continuousQueriesEnabled { services.append(continuousQueryService(store.engine, store.access)) }
            for udp in configuration.storeUDP where udp.enabled {
                let listener = DatagramListener(engine: store.engine, configuration: udp.listener, logger: Logger(label: "udp"))
                services.append(DatagramListenerService(listener: listener))
            }
            for collectd in configuration.storeCollectd where collectd.enabled {
                services.append(DatagramListenerService(listener: try collectd.listener(engine: store.engine)))
            }
            for graphite in configuration.storeGraphite where graphite.enabled {
                services.append(try graphite.service(engine: store.engine))
            }
        }
        let tasksAddress = configuration.http.bindAddress
        if taskBackend.remote == nil { store?.engine.setWriteObserver(EmbeddedStreamFeed(router: taskRunner.router)) }
        let tasks = try await TaskService.makeApplication(
            configuration: .init(
                host: tasksAddress.bindHost, port: tasksAddress.port, isSafeMode: isSafeMode,
                listener: configuration.http.listener.options(tls: configuration.tasksTLS),
                auth: configuration.taskAuthSettings(
                    subscriptionToken: try taskBackend.subscriptionToken(configuration: configuration, dataDirectory: dataDirectory)),
                configOverrides: .init(
                    isEnabled: configuration.configOverride.enabled,
                    appliesStoredOverrides: !configuration.global.skipConfigOverrides)),
            databasePath: dataDirectory.path(of: "tasks.sqlite"),
            runner: taskRunner,
            logger: Logger(label: "tasks")
        )
        services.append(NamedService(name: "tasks", address: tasksAddress, wrapped: tasks))
        services.append(TopicStateSaver(topics: taskRunner.topics))
        if let subscriptions = try taskBackend.subscriptionService(configuration: configuration, dataDirectory: dataDirectory) {
            services.append(subscriptions)
        }
        if configuration.control.enabled {
            let address = configuration.control.bindAddress
            let application = try ControlService.makeApplication(
                configuration: .init(
                    host: address.bindHost, port: address.port,
                    uiPath: configuration.control.uiPath.isEmpty ? nil : configuration.control.uiPath,
                    javascriptPath: configuration.control.javascriptPath, oauth: oauthSettings,
                    listener: configuration.control.listener.options(tls: configuration.controlTLS),
                    credentialsKeyFile: configuration.control.credentialsKeyFile.isEmpty ? nil : configuration.control.credentialsKeyFile,
                    protoboardsPath: configuration.control.protoboardsPath.isEmpty ? nil : configuration.control.protoboardsPath),
                databasePath: dataDirectory.path(of: "control.sqlite"),
                resourcesPath: resourcesPath,
                startup: startupConnections,
                logger: Logger(label: "control")
            )
            services.append(NamedService(name: "control", address: address, wrapped: application))
        }
        return services
    }
}

extension ServiceAssembly {
    /// OAuth sign-in for the control service, when `[control]` configures a token secret and complete providers.
    var oauthSettings: OAuthSettings? {
        let control = configuration.control
        guard control.authEnabled else { return nil }
        let oauth = control.oauth
        var providers: [OAuthProvider] = []
        // Chronograf's order: github, google, generic, auth0.
        if !oauth.githubClientID.isEmpty {
            providers.append(
                .github(
                    clientID: oauth.githubClientID, clientSecret: oauth.githubClientSecret, organizations: oauth.githubOrganizations,
                    url: oauth.githubURL, apiURL: oauth.githubAPIURL))
        }
        if !oauth.googleClientID.isEmpty {
            providers.append(
                .google(
                    clientID: oauth.googleClientID, clientSecret: oauth.googleClientSecret, domains: oauth.googleDomains,
                    authURL: oauth.googleAuthURL, tokenURL: oauth.googleTokenURL, userInfoURL: oauth.googleAPIURL))
        }
        if !oauth.genericClientID.isEmpty {
            providers.append(
                .generic(
                    name: oauth.genericName, clientID: oauth.genericClientID, clientSecret: oauth.genericClientSecret,
                    scopes: oauth.genericScopes, domains: oauth.genericDomains, authURL: oauth.genericAuthURL,
                    tokenURL: oauth.genericTokenURL, userInfoURL: oauth.genericAPIURL, userInfoKey: oauth.genericAPIKey))
        }
        if !oauth.auth0ClientID.isEmpty {
            providers.append(
                .auth0(
                    domain: oauth.auth0Domain, clientID: oauth.auth0ClientID, clientSecret: oauth.auth0ClientSecret,
                    organizations: oauth.auth0Organizations, superAdminOrganization: oauth.auth0SuperAdminOrganization))
        }
        return OAuthSettings(
            tokenSecret: control.tokenSecret, sessionSeconds: control.authDuration.nanoseconds / 1_000_000_000,
            publicURL: control.publicURL, providers: providers)
    }
}

/// Runs a service and, if it fails, rethrows the failure with the service's name and address attached.
struct NamedService: Service {
    let name: String
    let address: ListenAddress
    let wrapped: any Service

    func run() async throws {
        do {
            try await wrapped.run()
        } catch {
            throw ServiceStartError(name: name, address: address, underlying: error)
        }
    }
}

/// A service stopped with an error; the message names it (`store service on :8086 failed: Address already in use`).
struct ServiceStartError: Error, CustomStringConvertible {
    let name: String
    let address: ListenAddress
    let underlying: any Error

    var description: String { "\(name) service on \(address) failed: \(underlying)" }
}

/// The embedded store's two halves: the storage engine and its users, tokens and buckets.
struct EmbeddedStore {
    let engine: StorageEngine
    let access: AccessStore
}

extension ServiceAssembly {
    /// Opens the embedded store under `<data-dir>/store`, replaying its WAL; nil when the store is disabled.
    static func openStore(_ configuration: SundialConfiguration, in dataDirectory: DataDirectory, logger: Logger) throws
        -> EmbeddedStore?
    {
        guard configuration.store.enabled else { return nil }
        let store = configuration.store
        let engineLogger = Logger(label: "storage")
        let engine = try StorageEngine(
            configuration: .init(
                directory: dataDirectory.path(of: "store"),
                cacheSnapshotSize: store.cacheSnapshotMemorySize,
                cacheMaxSize: store.cacheMaxMemorySize,
                maxSeriesPerDatabase: store.maxSeriesPerDatabase,
                maxValuesPerTag: store.maxValuesPerTag,
                walFsyncDelay: .nanoseconds(store.walFsyncDelay.nanoseconds),
                log: { engineLogger.warning("\($0)") }
            )
        )
        for note in engine.recoveryNotes { logger.warning("\(note)") }
        return EmbeddedStore(engine: engine, access: try AccessStore(directory: dataDirectory.path(of: "store")))
    }
}
