import Alerting
import Foundation
public import Hummingbird
public import Logging
public import ServerLogging
public import SundialConfig

/// The Kapacitor-compatible processing service's HTTP API (`:9092`, base `/kapacitor/v1`): `ping`, and task and
/// template definitions checked by `PipelineSpec` and kept in SQLite, enabled stream tasks running on
/// `PipelineRuntime`, `write`, and the alert topics.
public enum TaskService {
    /// The Kapacitor version clients see in `X-Kapacitor-Version`.
    public static let kapacitorVersion = "1.7.7"

    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        /// `sundial serve --safe-mode`: no stored task starts (they stay as they are stored), so a server that a
        /// task keeps taking down can be started to fix or disable it.
        public var isSafeMode: Bool
        /// `[http] idle-timeout` and `max-connection-limit`.
        public var listener: ListenerOptions
        /// `[http] auth-enabled`, `shared-secret` and `[auth]`.
        public var auth: TaskAuthSettings
        public var configOverrides: ConfigOverridePolicy

        public init(
            host: String = "127.0.0.1", port: Int = 9092, isSafeMode: Bool = false, listener: ListenerOptions = .init(),
            auth: TaskAuthSettings = .init(), configOverrides: ConfigOverridePolicy = .init()
        ) {
            self.host = host
            self.port = port
            self.isSafeMode = isSafeMode
            self.listener = listener
            self.auth = auth
            self.configOverrides = configOverrides
        }
    }

    /// `[config-override] enabled` (whether the config API answers) and `skip-config-overrides` (whether the stored
    /// overrides are applied at start).
    public struct ConfigOverridePolicy: Sendable {
        public var isEnabled: Bool
        public var appliesStoredOverrides: Bool

        public init(isEnabled: Bool = true, appliesStoredOverrides: Bool = true) {
            self.isEnabled = isEnabled
            self.appliesStoredOverrides = appliesStoredOverrides
        }
    }

    /// The routes over task definitions kept at `databasePath` (nil: in memory, for tests), running the enabled ones
    /// with `runner`. Tasks stored as enabled start here (none in safe mode); one that cannot start is logged and
    /// marked disabled, and so is one whose start the process died in last time.
    public static func makeRouter(
        databasePath: String? = nil, runner: TaskRunner, isSafeMode: Bool = false, auth: TaskAuthSettings = .init(),
        configOverrides: ConfigOverridePolicy = .init()
    ) async throws -> Router<BasicRequestContext> {
        let store = try TaskStore(path: databasePath)
        try disableInterruptedStarts(store, logger: runner.logger)
        try applyStoredOverrides(store, to: runner.handlerServices, policy: configOverrides, logger: runner.logger)
        // Deliveries left from the last run go on, through the services as they now are.
        try await runner.handlerServices.outbox?.resume(services: runner.handlerServices)
        if isSafeMode {
            let enabled = try store.tasks().filter { $0.status == "enabled" }.count
            runner.logger.warning("safe mode: no task started (\(enabled) enabled task(s) left as they are)")
        } else {
            for task in try store.tasks() where task.status == "enabled" {
                do {
                    _ = try await TaskRoutes(store: store, runner: runner).execute(task, restart: false)
                } catch {
                    runner.logger.error("task \(task.id) did not start: \(error)")
                }
            }
        }
        let topicHandlers = TopicHandlers(store: store, topics: runner.topics, services: runner.handlerServices, logger: runner.logger)
        try topicHandlers.loadAll()
        let configRoutes = ConfigRoutes(services: runner.handlerServices, store: store, isEnabled: configOverrides.isEnabled)
        let router = Router()
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: KapacitorHeaders.middleware())
        router.add(middleware: CrossSiteRequestGuard())
        let authenticator = TaskAuthenticator(settings: auth, store: store)
        router.add(middleware: TaskAuthMiddleware(authenticator: authenticator))
        // Kapacitor also takes writes at the bare `/write`, as InfluxDB subscriptions send them.
        router.addRoutes(WriteRoutes(runner: runner).collection())
        // Kapacitor serves the same API under `v1preview`; clients of either spelling keep working.
        for base in ["/kapacitor/v1", "/kapacitor/v1preview"] {
            router.addRoutes(PingRoutes.collection(), atPath: RouterPath(base))
            router.addRoutes(SideloadRoutes(runner: runner).collection(), atPath: RouterPath(base))
            router.addRoutes(TaskRoutes(store: store, runner: runner).collection(), atPath: RouterPath(base))
            router.addRoutes(TemplateRoutes(store: store, runner: runner).collection(), atPath: RouterPath(base))
            router.addRoutes(WriteRoutes(runner: runner).collection(), atPath: RouterPath(base))
            router.addRoutes(AlertRoutes(handlers: topicHandlers).collection(), atPath: RouterPath(base))
            router.addRoutes(TopicHandlerRoutes(handlers: topicHandlers).collection(), atPath: RouterPath(base))
            router.addRoutes(DeadLetterRoutes(outbox: runner.handlerServices.outbox).collection(), atPath: RouterPath(base))
            router.addRoutes(DebugRoutes(store: store, runner: runner).collection(), atPath: RouterPath(base))
            router.addRoutes(configRoutes.collection(), atPath: RouterPath(base))
            router.addRoutes(ServiceTestRoutes(services: runner.handlerServices).collection(), atPath: RouterPath(base))
            if auth.hasUsers {
                router.addRoutes(UserRoutes(store: store, hasher: authenticator.hasher).collection(), atPath: RouterPath(base))
            }
        }
        return router
    }

    /// The config API's overrides stored in the tasks database at `databasePath`, read without changing anything.
    public static func storedConfigOverrides(databasePath: String) throws -> [ConfigOverride] {
        try TaskStore.configOverrides(atPath: databasePath)
    }

    /// The config API's stored overrides, over the file's services, before any task starts. Ones that no longer
    /// apply (the file changed under them) are logged and left out, so the server still starts.
    private static func applyStoredOverrides(
        _ store: TaskStore, to services: HandlerServices, policy: ConfigOverridePolicy, logger: Logger
    ) throws {
        let overrides = try store.configOverrides()
        guard !overrides.isEmpty else { return }
        guard policy.appliesStoredOverrides else {
            logger.warning("skip-config-overrides: \(overrides.count) stored config override(s) not applied")
            return
        }
        var applied: [ConfigOverride] = []
        for override in overrides {
            do {
                try services.settings.apply(applied + [override])
                applied.append(override)
            } catch {
                logger.error("config override \(override.id) not applied: \(error)")
            }
        }
    }

    /// A task in the start journal was starting when the process died. Once may be a kill or a power cut, so it
    /// starts again; twice in a row, it is saved disabled with the reason, so it cannot take the server down at
    /// every start.
    private static func disableInterruptedStarts(_ store: TaskStore, logger: Logger) throws {
        for (id, started, attempts) in try store.interruptedStarts() {
            guard attempts >= 2 else {
                logger.warning("task \(id) was starting when the server stopped; starting it again")
                continue
            }
            try store.finishedStarting(id)
            guard var task = try store.task(id), task.status == "enabled" else { continue }
            task.status = "disabled"
            task.error =
                "the server stopped \(attempts) times in a row while this task was starting (last at "
                + "\(started.formatted(.iso8601))); it was left disabled so it cannot stop the server again: fix the "
                + "script, then enable it"
            try store.update(task)
            logger.error("task \(id) disabled: \(task.error)")
        }
    }

    public static func makeApplication(
        configuration: Configuration,
        databasePath: String?,
        runner: TaskRunner,
        logger: Logger
    ) async throws -> some ApplicationProtocol {
        Application(
            router: try await makeRouter(
                databasePath: databasePath, runner: runner, isSafeMode: configuration.isSafeMode, auth: configuration.auth,
                configOverrides: configuration.configOverrides),
            server: try configuration.listener.http1(),
            configuration: configuration.listener.applicationConfiguration(host: configuration.host, port: configuration.port),
            logger: logger
        )
    }
}
