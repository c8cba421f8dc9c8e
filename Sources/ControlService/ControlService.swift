import ControlUI
import Foundation
public import Hummingbird
public import Logging
public import ServerLogging

/// The Chronograf-compatible control plane (`:8888`): the `/chronograf/v1` REST API (sources, Kapacitor
/// connections, proxies, resource files, organizations, alert rules) and the web UI.
public enum ControlService {
    /// The Chronograf version clients see in `X-Chronograf-Version`.
    public static let chronografVersion = "1.11.4"

    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        /// The UI's files, when not the built-in ones (for UI development).
        public var uiPath: String?
        /// Where Debian's JavaScript libraries are, served at `/vendor/`.
        public var javascriptPath: String
        /// OAuth sign-in; when set, the API needs a session.
        public var oauth: OAuthSettings?
        /// `[control] idle-timeout` and `max-connection-limit`.
        public var listener: ListenerOptions
        /// `[control] credentials-key-file`: the key connection passwords are sealed with in `control.sqlite`.
        public var credentialsKeyFile: String?
        /// `[control] protoboards-path`: the protoboard files `/chronograf/v1/protoboards` serves.
        public var protoboardsPath: String?

        public init(
            host: String = "127.0.0.1", port: Int = 8888, uiPath: String? = nil, javascriptPath: String = "/usr/share/javascript",
            oauth: OAuthSettings? = nil, listener: ListenerOptions = .init(), credentialsKeyFile: String? = nil,
            protoboardsPath: String? = nil
        ) {
            self.credentialsKeyFile = credentialsKeyFile
            self.host = host
            self.port = port
            self.uiPath = uiPath
            self.javascriptPath = javascriptPath
            self.oauth = oauth
            self.listener = listener
            self.protoboardsPath = protoboardsPath
        }
    }

    /// The router with every control-plane route; `databasePath` is the SQLite file of sources and Kapacitors
    /// (nil: in memory, for tests).
    /// `resourcesPath` is read for `.src`, `.kap` and `.org` files, placeholders filled from `environment`; each
    /// file that cannot be used is skipped and named to `logger`.
    public static func makeRouter(
        databasePath: String? = nil, resourcesPath: String? = nil, environment: [String: String] = [:],
        startup: StartupConnections? = nil, configuration: Configuration = Configuration(), logger: Logger? = nil
    ) throws -> Router<ControlRequestContext> {
        let router = Router(context: ControlRequestContext.self)
        try CredentialSeal.configure(keyFile: configuration.credentialsKeyFile)
        let store = try ControlStore(path: databasePath)
        if CredentialSeal.isConfigured {
            try store.sealStoredCredentials()
        } else if try store.hasSealedCredentials() {
            throw CredentialSeal.Failure(
                description: "control.sqlite holds sealed credentials: configure [control] credentials-key-file with their key")
        }
        var files = ResourceFiles()
        if let resourcesPath {
            files = ResourceFiles.load(
                directory: resourcesPath, environment: environment, takenSourceIDs: Set(try store.sources().compactMap(\.id)),
                takenDashboardIDs: Set(try store.dashboards().map(\.id)))
        }
        if let startup { files.add(startup) }
        for problem in files.problems { logger?.warning("resources: \(problem)") }
        try store.adopt(files)
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: ChronografHeaders.middleware())
        // The UI's own pages may change things, also when served under `public-url` behind a proxy.
        let publicOrigin = configuration.oauth.flatMap { URLComponents(string: $0.publicURL) }.flatMap { url -> String? in
            guard let scheme = url.scheme, let host = url.host else { return nil }
            return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
        }
        router.add(middleware: CrossSiteRequestGuard(allowedOrigins: publicOrigin.map { [$0] } ?? []))
        let tokens = configuration.oauth.map { SessionToken(secret: $0.tokenSecret) }
        if let oauth = configuration.oauth, let tokens {
            router.add(middleware: SessionMiddleware(tokens: tokens, store: store, superAdminGroups: oauth.superAdminGroups))
            router.addRoutes(OAuthRoutes(settings: oauth).collection())
        }
        router.addRoutes(DiscoveryRoutes.collection(oauth: configuration.oauth))
        router.addRoutes(SourcesRoutes(store: store, isScoped: configuration.oauth != nil).collection())
        router.addRoutes(KapacitorsRoutes(store: store).collection())
        router.addRoutes(RulesRoutes(store: store).collection())
        router.addRoutes(DashboardsRoutes(store: store, isScoped: configuration.oauth != nil).collection())
        router.addRoutes(OrgConfigRoutes(store: store).collection())
        router.addRoutes(LayoutsRoutes(directory: resourcesPath).collection())
        router.addRoutes(ProtoboardsRoutes(directory: configuration.protoboardsPath).collection())
        router.addRoutes(SourceCapabilitiesRoutes(store: store).collection())
        router.addRoutes(SourceUsersRoutes(store: store).collection())
        router.addRoutes(AnnotationsRoutes(store: store).collection())
        router.addRoutes(QueriesRoutes(store: store).collection())
        router.addRoutes(ProxyRoutes(store: store).collection())
        router.addRoutes(OrganizationsRoutes(store: store).collection())
        router.addRoutes(
            MeRoutes(store: store, tokens: tokens, superAdminGroups: configuration.oauth?.superAdminGroups ?? [:]).collection())
        router.addRoutes(UsersRoutes(store: store).collection())
        router.addRoutes(MappingsRoutes(store: store).collection())
        router.addRoutes(DatabasesRoutes(store: store).collection())
        let assets = configuration.uiPath.map { URL(fileURLWithPath: $0) } ?? ControlUI.directory
        router.addRoutes(UIRoutes(assets: assets, vendor: URL(fileURLWithPath: configuration.javascriptPath)).collection())
        return router
    }

    public static func makeApplication(
        configuration: Configuration,
        databasePath: String?,
        resourcesPath: String?,
        startup: StartupConnections?,
        logger: Logger
    ) throws -> some ApplicationProtocol {
        Application(
            router: try makeRouter(
                databasePath: databasePath, resourcesPath: resourcesPath, environment: ProcessInfo.processInfo.environment,
                startup: startup, configuration: configuration, logger: logger),
            server: try configuration.listener.http1(),
            configuration: configuration.listener.applicationConfiguration(host: configuration.host, port: configuration.port),
            logger: logger
        )
    }
}
