/// `kapacitor.conf`'s sections for monitoring services that take alerts: `[alerta]`, `[sensu]`, `[bigpanda]`, with
/// Kapacitor's keys, defaults and validation texts. Their handlers are in `Alerting`.

/// `[alerta]`: an Alerta server's API.
public struct AlertaSection: Sendable, ConfigSection, Equatable {
    public var enabled = false
    public var url = ""
    public var insecureSkipVerify = false
    public var token = ""
    /// Empty: `Bearer`.
    public var tokenPrefix = ""
    public var environment = ""
    public var origin = ""
    public var timeout = ConfigDuration(nanoseconds: 0)

    public init() {}

    static var keys: [ConfigKey<AlertaSection>] {
        [
            .value("enabled", \.enabled), .value("url", \.url),
            .value(
                "insecure-skip-verify", \.insecureSkipVerify, support: .ignored("the system's trust store and full verification are used")),
            .value("token", \.token, isSecret: true), .value("token-prefix", \.tokenPrefix), .value("environment", \.environment),
            .value("origin", \.origin),
            // Kapacitor reads it and never uses it either: each alert's own timeout (24h unless set) is what Alerta gets.
            .value("timeout", \.timeout, support: .ignored("as in Kapacitor, each alert's .timeout() is sent")),
        ]
    }

    func validate() -> [ConfigProblem] {
        enabled && url.isEmpty ? [ConfigProblem(key: "url", message: "must specify url")] : []
    }
}

/// `[sensu]`: a Sensu client's socket (`host:port`), which takes one JSON check result per connection.
public struct SensuSection: Sendable, ConfigSection, Equatable {
    public var enabled = false
    public var address = ""
    public var source = "Kapacitor"
    public var handlers: [String] = []

    public init() {}

    static var keys: [ConfigKey<SensuSection>] {
        [.value("enabled", \.enabled), .value("addr", \.address), .value("source", \.source), .list("handlers", \.handlers)]
    }

    func validate() -> [ConfigProblem] {
        enabled && address.isEmpty ? [ConfigProblem(key: "addr", message: "must specify client address")] : []
    }
}

/// `[bigpanda]`: BigPanda's alerts API.
public struct BigPandaSection: Sendable, ConfigSection, Equatable {
    public var enabled = false
    public var global = false
    public var appKey = ""
    public var token = ""
    public var stateChangesOnly = false
    public var insecureSkipVerify = false
    public var url = "https://api.bigpanda.io/data/v2/alerts"
    /// Which of the event's `tags` and `fields` become attributes (a list in one string, as Kapacitor reads it).
    public var autoAttributes = "tags,fields"

    public init() {}

    static var keys: [ConfigKey<BigPandaSection>] {
        [
            .value("enabled", \.enabled), .value("global", \.global), .value("app-key", \.appKey), .value("token", \.token, isSecret: true),
            .value("state-changes-only", \.stateChangesOnly),
            .value(
                "insecure-skip-verify", \.insecureSkipVerify, support: .ignored("the system's trust store and full verification are used")),
            .value("url", \.url), .value("auto-attributes", \.autoAttributes),
        ]
    }

    func validate() -> [ConfigProblem] {
        guard enabled else { return [] }
        var problems: [ConfigProblem] = []
        if url.isEmpty { problems.append(ConfigProblem(key: "url", message: "must specify the BigPanda webhook URL")) }
        if appKey.isEmpty { problems.append(ConfigProblem(key: "app-key", message: "must specify BigPanda app-key")) }
        if token.isEmpty { problems.append(ConfigProblem(key: "token", message: "must specify BigPanda token")) }
        return problems
    }
}
