public import Hummingbird
public import Logging
internal import ServerLogging

/// The Chronograf-compatible control plane (`:8888`): the `/chronograf/v1` REST API and, later, the web UI.
/// This step serves the API's discovery document and `/ping`; sources, Kapacitor connections, organizations and
/// alert rules arrive with the control-plane work.
public enum ControlService {
    /// The Chronograf version clients see in `X-Chronograf-Version`.
    public static let chronografVersion = "1.11.4"

    public struct Configuration: Sendable {
        public var host: String
        public var port: Int

        public init(host: String = "127.0.0.1", port: Int = 8888) {
            self.host = host
            self.port = port
        }
    }

    public static func makeRouter() -> Router<ControlRequestContext> {
        let router = Router(context: ControlRequestContext.self)
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: ChronografHeaders.middleware())
        router.addRoutes(DiscoveryRoutes.collection())
        return router
    }

    public static func makeApplication(
        configuration: Configuration,
        logger: Logger
    ) -> some ApplicationProtocol {
        Application(
            router: makeRouter(),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: nil
            ),
            logger: logger
        )
    }
}
