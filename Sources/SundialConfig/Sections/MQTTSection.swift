/// One `[[mqtt]]` broker: where `.mqtt(topic)` publishes. With one broker it is the default; with several, one is
/// marked `default` and handlers name the others (`.brokerName()`).
public struct MQTTSection: Sendable, ConfigSection, Equatable {
    public var enabled = false
    public var name = "default"
    public var isDefault = false
    /// `tcp://host:port` (`host:port` and `:port` too, as Kapacitor takes them).
    public var url = ""
    public var sslCA = ""
    public var sslCertificate = ""
    public var sslKey = ""
    public var insecureSkipVerify = false
    /// Empty: the broker's name.
    public var clientID = ""
    public var username = ""
    public var password = ""

    public init() {}

    static var keys: [ConfigKey<MQTTSection>] {
        let tls = "Sundial connects to MQTT brokers over plain TCP"
        return [
            .value("enabled", \.enabled), .value("name", \.name), .value("default", \.isDefault), .value("url", \.url),
            .value("ssl-ca", \.sslCA, support: .ignored(tls)), .value("ssl-cert", \.sslCertificate, support: .ignored(tls)),
            .value("ssl-key", \.sslKey, support: .ignored(tls)),
            .value("insecure-skip-verify", \.insecureSkipVerify, support: .ignored(tls)),
            .value("client-id", \.clientID), .value("username", \.username), .value("password", \.password, isSecret: true),
        ]
    }

    func validate() -> [ConfigProblem] {
        var problems: [ConfigProblem] = []
        if name.isEmpty { problems.append(ConfigProblem(key: "name", message: "must specify a name for the mqtt broker")) }
        if enabled && url.isEmpty { problems.append(ConfigProblem(key: "url", message: "must specify a url for mqtt service")) }
        if let scheme = url.split(separator: "://", maxSplits: 1).first.map({ $0.lowercased() }), url.contains("://"), scheme != "tcp" {
            // Refused rather than sent in the clear: the user asked for an encrypted connection.
            problems.append(ConfigProblem(key: "url", message: "\(scheme):// brokers are not supported yet (only tcp://)"))
        }
        return problems
    }
}
