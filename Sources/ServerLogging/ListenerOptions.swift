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
    /// How long a request may take from its head to its end (`RequestReadDeadline`); nil: no limit.
    public var requestReadTimeout: TimeAmount?

    /// From the configured values, where 0 means none.
    public init(
        idleTimeoutNanoseconds: Int64 = 120_000_000_000, maxConnections: Int = 1000, tls: ListenerTLS? = nil,
        requestReadTimeoutNanoseconds: Int64 = 300_000_000_000
    ) {
        idleTimeout = idleTimeoutNanoseconds > 0 ? .nanoseconds(idleTimeoutNanoseconds) : nil
        self.maxConnections = maxConnections > 0 ? maxConnections : nil
        self.tls = tls
        requestReadTimeout = requestReadTimeoutNanoseconds > 0 ? .nanoseconds(requestReadTimeoutNanoseconds) : nil
    }

    public func applicationConfiguration(host: String, port: Int) -> ApplicationConfiguration {
        ApplicationConfiguration(
            address: .hostname(host, port: port), serverName: nil,
            availableConnectionsDelegate: maxConnections.map { MaximumAvailableConnections($0) })
    }

    /// HTTP/1.1 with the idle timeout, the request read deadline and the service's own channel handlers (made anew for
    /// each connection), inside TLS when it is on; throws when the certificate or key cannot be read.
    public func http1(
        additionalChannelHandlers: @autoclosure @escaping @Sendable () -> [any RemovableChannelHandler] = []
    ) throws -> HTTPServerBuilder {
        let readTimeout = requestReadTimeout
        let handlers: @Sendable () -> [any RemovableChannelHandler] = {
            let deadline: [any RemovableChannelHandler] = readTimeout.map { [RequestReadDeadline(limit: $0)] } ?? []
            return deadline + additionalChannelHandlers()
        }
        let plain = HTTPServerBuilder.http1(configuration: .init(additionalChannelHandlers: handlers(), idleTimeout: idleTimeout))
        guard let tls else { return plain }
        return try .tls(plain, tlsConfiguration: try tls.serverConfiguration())
    }
}
