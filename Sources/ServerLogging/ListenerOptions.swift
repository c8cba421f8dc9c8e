public import Hummingbird
public import HummingbirdCore
import HummingbirdTLS
public import NIOCore

/// How a listener serves connections: its idle timeout and connection cap (`idle-timeout`, `max-connection-limit`)
/// and HTTPS, as Hummingbird takes them.
///
/// The idle timeout also ends a connection whose request stalls half-way: the clock runs from the last part of a
/// request that arrived, and a request head counts only once it is whole. A response being written is never cut.
/// Past the cap, new connections wait in the accept queue until one closes.
public struct ListenerOptions: Sendable {
    /// Nil: idle connections stay open.
    public var idleTimeout: TimeAmount?
    /// Nil: no cap.
    public var maxConnections: Int?
    /// Nil: plain HTTP.
    public var tls: ListenerTLS?

    /// From the configured values, where 0 means none.
    public init(idleTimeoutNanoseconds: Int64 = 120_000_000_000, maxConnections: Int = 1000, tls: ListenerTLS? = nil) {
        idleTimeout = idleTimeoutNanoseconds > 0 ? .nanoseconds(idleTimeoutNanoseconds) : nil
        self.maxConnections = maxConnections > 0 ? maxConnections : nil
        self.tls = tls
    }

    public func applicationConfiguration(host: String, port: Int) -> ApplicationConfiguration {
        ApplicationConfiguration(
            address: .hostname(host, port: port), serverName: nil,
            availableConnectionsDelegate: maxConnections.map { MaximumAvailableConnections($0) })
    }

    /// HTTP/1.1 with the idle timeout and the service's own channel handlers, inside TLS when it is on; throws when
    /// the certificate or key cannot be read.
    public func http1(
        additionalChannelHandlers: @autoclosure @escaping @Sendable () -> [any RemovableChannelHandler] = []
    ) throws -> HTTPServerBuilder {
        let plain = HTTPServerBuilder.http1(
            configuration: .init(additionalChannelHandlers: additionalChannelHandlers(), idleTimeout: idleTimeout))
        guard let tls else { return plain }
        return try .tls(plain, tlsConfiguration: try tls.serverConfiguration())
    }
}
