/// A listen address in Go's `host:port` form, as `kapacitor.conf` and `influxdb.conf` write it.
///
/// An empty host (`":9092"`) means every interface, as in Go; `[::1]:9092` brackets an IPv6 host.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// The host to bind, with Go's empty host spelled out as the IPv4 wildcard.
    public var bindHost: String { host.isEmpty ? "0.0.0.0" : host }

    public init?(parsing text: String) {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
        } else if host.contains(":") {
            return nil
        }
        guard let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        self.init(host: host, port: port)
    }

    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
