/// Why talking to a remote InfluxDB failed, in words a user can act on.
public enum InfluxClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The URL does not parse or has no scheme or host.
    case invalidURL(String)
    /// No HTTP answer: refused, unknown host, TLS failure, timeout.
    case unreachable(String)
    /// An HTTP answer other than 2xx: its status and InfluxDB's error text.
    case status(Int, String)

    public var description: String {
        switch self {
        case .invalidURL(let reason): reason
        case .unreachable(let reason): reason
        case .status(let code, let message): "received status code \(code) from server: err: \(message)"
        }
    }
}
