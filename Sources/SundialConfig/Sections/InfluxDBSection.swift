/// One `[[influxdb]]` element: a remote InfluxDB (1.x, 2.x or Cloud) the tasks service queries and writes to.
///
/// Keys and defaults are Kapacitor's. With no `[[influxdb]]` element at all, the tasks service uses the embedded store.
public struct InfluxDBSection: Sendable, ConfigSection {
    public var enabled = true
    public var name = "default"
    public var isDefault = false
    public var urls = ["http://localhost:8086"]
    public var username = ""
    /// The password, or for InfluxDB 2.x/Cloud the token (sent as the Basic-auth password).
    public var password = ""
    /// Sent as `Authorization: Token <token>`.
    public var token = ""
    public var httpSharedSecret = false
    public var sslCA = ""
    public var sslCertificate = ""
    public var sslKey = ""
    public var insecureSkipVerify = false
    /// Zero means no timeout.
    public var timeout = ConfigDuration(nanoseconds: 0)
    public var disableSubscriptions = false
    public var subscriptionMode = "cluster"
    public var subscriptionProtocol = "http"
    public var subscriptionPath = ""
    public var subscriptionsSyncInterval = ConfigDuration.seconds(60)
    public var kapacitorHostname = ""
    /// Zero means the port of `[http] bind-address`.
    public var httpPort = 0
    public var udpBind = ""
    public var udpBuffer = 1000
    public var udpReadBuffer = 0
    public var startupTimeout = ConfigDuration.seconds(300)
    public var compression = "gzip"
    /// Database → retention policies to subscribe to; empty means all.
    public var subscriptions: [String: [String]] = [:]
    public var excludedSubscriptions: [String: [String]] = ["_kapacitor": ["autogen"]]

    public init() {}

    static var keys: [ConfigKey<InfluxDBSection>] {
        [
            .value("enabled", \.enabled), .value("name", \.name), .value("default", \.isDefault),
            .list("urls", \.urls),
            .value("username", \.username),
            .value("password", \.password, isSecret: true),
            .value("token", \.token, isSecret: true),
            .value("http-shared-secret", \.httpSharedSecret, support: .ignored()),
            .value("ssl-ca", \.sslCA),
            .value("ssl-cert", \.sslCertificate, support: .ignored("no client certificate is sent")),
            .value("ssl-key", \.sslKey, support: .ignored("no client certificate is sent")),
            .value("insecure-skip-verify", \.insecureSkipVerify),
            .value("timeout", \.timeout),
            .value("disable-subscriptions", \.disableSubscriptions),
            .value("subscription-mode", \.subscriptionMode, support: .ignored()),
            .value("subscription-protocol", \.subscriptionProtocol),
            .value("subscription-path", \.subscriptionPath, support: .ignored()),
            .value("subscriptions-sync-interval", \.subscriptionsSyncInterval),
            .value("kapacitor-hostname", \.kapacitorHostname),
            .value("http-port", \.httpPort),
            .value("udp-bind", \.udpBind, support: .ignored()), .value("udp-buffer", \.udpBuffer, support: .ignored()),
            .value("udp-read-buffer", \.udpReadBuffer, support: .ignored()),
            .value("startup-timeout", \.startupTimeout, support: .ignored()),
            .value("compression", \.compression, support: .ignored("writes are sent uncompressed")),
            .value("subscriptions", \.subscriptions),
            .value("excluded-subscriptions", \.excludedSubscriptions, support: .ignored()),
        ]
    }

    func validate() -> [ConfigProblem] {
        var problems: [ConfigProblem] = []
        if name.isEmpty { problems.append(ConfigProblem(key: "name", message: "must not be empty")) }
        if enabled && urls.isEmpty {
            problems.append(ConfigProblem(key: "urls", message: "must list at least one URL when enabled"))
        }
        for url in urls where !Self.isHTTPURL(url) {
            problems.append(
                ConfigProblem(key: "urls", message: "expected an http:// or https:// URL, got \(TOMLLiteral.quoted(url))")
            )
        }
        problems += Self.choice("subscription-mode", subscriptionMode, among: ["cluster", "server"])
        problems += Self.choice("subscription-protocol", subscriptionProtocol, among: ["http", "https", "udp"])
        // Subscriptions are made for HTTP only: "https" ignored would have InfluxDB send its writes unencrypted.
        if subscriptionProtocol == "https" && !disableSubscriptions {
            problems.append(
                KeySupport.refused(leaving: "InfluxDB sending its writes over plain HTTP").problem(
                    key: "subscription-protocol", defaultLiteral: "\"http\"")!)
        } else if subscriptionProtocol == "udp" && !disableSubscriptions {
            problems.append(KeySupport.ignored("subscriptions use HTTP").problem(key: "subscription-protocol", defaultLiteral: "\"http\"")!)
        }
        problems += Self.choice("compression", compression, among: ["gzip", "none"])
        if !(0...65535).contains(httpPort) {
            problems.append(ConfigProblem(key: "http-port", message: "expected a port between 0 and 65535"))
        }
        return problems
    }

    private static func isHTTPURL(_ text: String) -> Bool {
        for scheme in ["http://", "https://"] where text.lowercased().hasPrefix(scheme) {
            return text.count > scheme.count && !text.contains(" ")
        }
        return false
    }

    private static func choice(_ key: String, _ value: String, among choices: [String]) -> [ConfigProblem] {
        if choices.contains(value) { return [] }
        let listed = choices.map { TOMLLiteral.quoted($0) }.joined(separator: ", ")
        return [ConfigProblem(key: key, message: "expected one of \(listed), got \(TOMLLiteral.quoted(value))")]
    }
}
