public import Hummingbird
public import HummingbirdCore
public import NIOCore

/// A listener's idle timeout and connection cap (`idle-timeout`, `max-connection-limit`) as Hummingbird takes them.
///
/// The idle timeout also ends a connection whose request stalls half-way: the clock runs from the last part of a
/// request that arrived, and a request head counts only once it is whole. A response being written is never cut.
/// Past the cap, new connections wait in the accept queue until one closes.
public struct ListenerLimits: Sendable {
    /// Nil: idle connections stay open.
    public var idleTimeout: TimeAmount?
    /// Nil: no cap.
    public var maxConnections: Int?

    /// From the configured values, where 0 means none.
    public init(idleTimeoutNanoseconds: Int64 = 120_000_000_000, maxConnections: Int = 1000) {
        idleTimeout = idleTimeoutNanoseconds > 0 ? .nanoseconds(idleTimeoutNanoseconds) : nil
        self.maxConnections = maxConnections > 0 ? maxConnections : nil
    }

    public func applicationConfiguration(host: String, port: Int) -> ApplicationConfiguration {
        ApplicationConfiguration(
            address: .hostname(host, port: port), serverName: nil,
            availableConnectionsDelegate: maxConnections.map { MaximumAvailableConnections($0) })
    }

    /// HTTP/1.1 with the idle timeout and the service's own channel handlers.
    public func http1(
        additionalChannelHandlers: @autoclosure @escaping @Sendable () -> [any RemovableChannelHandler] = []
    ) -> HTTPServerBuilder {
        .http1(configuration: .init(additionalChannelHandlers: additionalChannelHandlers(), idleTimeout: idleTimeout))
    }
}
