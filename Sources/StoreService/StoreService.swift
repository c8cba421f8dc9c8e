public import Hummingbird
public import Logging
public import QueryEngine
public import ServerLogging
public import Storage
public import StoreAccess

/// The embedded InfluxDB-compatible store's HTTP service (`:8086`): InfluxDB 1.x API and the 2.x compatibility
/// surface: `/ping`, `/write`, `/query`, and `/api/v2` (setup, orgs, buckets, authorizations, dbrps, write).
public enum StoreService {
    /// The InfluxDB version clients see in `X-Influxdb-Version`; clients gate features on 1.x vs 2.x.
    public static let influxDBVersion = ProcessFacts.influxDBVersion

    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        /// InfluxDB's `max-body-size`: larger request bodies get 413.
        public var maxBodySize: Int
        /// `[store] auth-enabled`: require credentials on `/query` and `/write` and check privileges.
        public var authEnabled: Bool
        /// `[store] query-timeout`, `max-concurrent-queries`, `max-select-point`, `-series`, `-buckets`.
        public var queryLimits: QueryLimits
        /// `[store] idle-timeout` and `max-connection-limit`.
        public var listener: ListenerOptions
        /// `[store] cors-allowed-origins`: the origins browsers may read and write the store from; `"*"` any.
        public var allowedOrigins: [String]
        /// `[store] shared-secret`: the key of JWT bearer tokens naming a user (InfluxDB 1.x's).
        public var sharedSecret: String

        public init(
            host: String = "127.0.0.1", port: Int = 8086, maxBodySize: Int = 25_000_000, authEnabled: Bool = false,
            queryLimits: QueryLimits = .init(), listener: ListenerOptions = .init(), allowedOrigins: [String] = [],
            sharedSecret: String = ""
        ) {
            self.sharedSecret = sharedSecret
            self.allowedOrigins = allowedOrigins
            self.host = host
            self.port = port
            self.maxBodySize = maxBodySize
            self.authEnabled = authEnabled
            self.queryLimits = queryLimits
            self.listener = listener
        }
    }

    /// The router with every store route and the store's common headers; used as is by in-process tests.
    public static func makeRouter(
        engine: StorageEngine, access: AccessStore, configuration: Configuration = Configuration()
    ) -> Router<BasicRequestContext> {
        makeRouter(engine: engine, access: access, configuration: configuration, answers: IndexAnswerCache())
    }

    static func makeRouter(
        engine: StorageEngine, access: AccessStore, configuration: Configuration, answers: IndexAnswerCache
    ) -> Router<BasicRequestContext> {
        let router = Router()
        let authenticator = RequestAuthenticator(
            access: access, isEnabled: configuration.authEnabled, sharedSecret: configuration.sharedSecret)
        let locator = DatabaseLocator(engine: engine, access: access)
        let statistics = HTTPStatistics(engine: engine, bind: "\(configuration.host):\(configuration.port)")
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: statistics.middleware)
        router.add(middleware: InfluxHeaders.middleware(allowedOrigins: configuration.allowedOrigins))
        router.add(middleware: CrossSiteRequestGuard(allowedOrigins: configuration.allowedOrigins))
        router.addRoutes(PingRoutes.collection())
        router.addRoutes(
            WriteRoutes(
                engine: engine, maxBodySize: configuration.maxBodySize, authenticator: authenticator, locator: locator,
                statistics: statistics
            ).collection())
        router.addRoutes(DebugVarsRoutes(engine: engine, authenticator: authenticator).collection())
        router.addRoutes(
            BackupRoutes(engine: engine, access: access, authenticator: authenticator, logger: Logger(label: "backup")).collection())
        router.addRoutes(
            PrometheusRoutes(
                engine: engine, maxBodySize: configuration.maxBodySize, authenticator: authenticator, statistics: statistics
            ).collection())
        router.addRoutes(
            QueryRoutes(
                executor: QueryExecutor(engine: engine, access: access, limits: configuration.queryLimits), authenticator: authenticator,
                locator: locator,
                answers: answers
            ).collection())
        let gateway = V2Gateway(engine: engine, access: access, authEnabled: configuration.authEnabled)
        router.addRoutes(V2SetupRoutes(gateway: gateway).collection())
        router.addRoutes(V2ManagementRoutes(gateway: gateway).collection())
        router.addRoutes(V2DBRPRoutes(gateway: gateway).collection())
        router.addRoutes(V2WriteRoutes(gateway: gateway, maxBodySize: configuration.maxBodySize).collection())
        return router
    }

    /// The store's HTTP server; it also starts sending copies of writes to the store's subscriptions.
    public static func makeApplication(
        engine: StorageEngine,
        access: AccessStore,
        configuration: Configuration,
        logger: Logger
    ) throws -> some ApplicationProtocol {
        engine.setSubscriptionSink(SubscriptionForwarder(logger: Logger(label: "subscriber")))
        let answers = IndexAnswerCache()
        let lookup = KeptAnswerLookup(
            cache: answers, engine: engine, locator: DatabaseLocator(engine: engine, access: access),
            authEnabled: configuration.authEnabled,
            statistics: HTTPStatistics(engine: engine, bind: "\(configuration.host):\(configuration.port)"))
        return Application(
            router: makeRouter(engine: engine, access: access, configuration: configuration, answers: answers),
            server: try configuration.listener.http1(additionalChannelHandlers: [KeptAnswerHandler(lookup: lookup, logger: logger)]),
            configuration: configuration.listener.applicationConfiguration(host: configuration.host, port: configuration.port),
            logger: logger
        )
    }
}
