/// Where a remote InfluxDB is and how to sign in to it.
public struct InfluxConnection: Sendable, Equatable {
    public enum Credentials: Sendable, Equatable {
        case none
        /// InfluxDB 1.x user and password, sent as Basic auth.
        case basic(user: String, password: String)
        /// An InfluxDB 2.x / Cloud token: `Authorization: Token …`.
        case token(String)
    }

    /// `http(s)://host:port`, with or without a path prefix.
    public var url: String
    public var credentials: Credentials
    /// Accept any TLS certificate (only for `https` URLs), as Chronograf's and Kapacitor's option does.
    public var insecureSkipVerify: Bool
    /// `[[influxdb]] ssl-ca`: a PEM file of the certificate authorities to trust instead of the system's (a server
    /// with a private or self-signed certificate); empty, the system's.
    public var trustedAuthorities: String

    public init(url: String, credentials: Credentials = .none, insecureSkipVerify: Bool = false, trustedAuthorities: String = "") {
        self.url = url
        self.credentials = credentials
        self.insecureSkipVerify = insecureSkipVerify
        self.trustedAuthorities = trustedAuthorities
    }
}
