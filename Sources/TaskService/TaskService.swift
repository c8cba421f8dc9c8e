public import Hummingbird
public import Logging
internal import ServerLogging

/// The Kapacitor-compatible processing service's HTTP API (`:9092`, base `/kapacitor/v1`): `ping`, and task and
/// template definitions checked by `PipelineSpec` and kept in SQLite. Running tasks, write and topics arrive with
/// the stream engine.
public enum TaskService {
    /// The Kapacitor version clients see in `X-Kapacitor-Version`.
    public static let kapacitorVersion = "1.7.7"

    public struct Configuration: Sendable {
        public var host: String
        public var port: Int

        public init(host: String = "127.0.0.1", port: Int = 9092) {
            self.host = host
            self.port = port
        }
    }

    /// The routes over task definitions kept at `databasePath` (nil: in memory, for tests).
    public static func makeRouter(databasePath: String? = nil) throws -> Router<BasicRequestContext> {
        let store = try TaskStore(path: databasePath)
        let router = Router()
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: KapacitorHeaders.middleware())
        // Kapacitor serves the same API under `v1preview`; clients of either spelling keep working.
        for base in ["/kapacitor/v1", "/kapacitor/v1preview"] {
            router.addRoutes(PingRoutes.collection(), atPath: RouterPath(base))
            router.addRoutes(TaskRoutes(store: store).collection(), atPath: RouterPath(base))
            router.addRoutes(TemplateRoutes(store: store).collection(), atPath: RouterPath(base))
        }
        return router
    }

    public static func makeApplication(
        configuration: Configuration,
        databasePath: String?,
        logger: Logger
    ) throws -> some ApplicationProtocol {
        Application(
            router: try makeRouter(databasePath: databasePath),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: nil
            ),
            logger: logger
        )
    }
}
