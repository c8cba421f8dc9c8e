/// `kapacitor.conf`'s sections for incident and chat services Kapacitor also sends to: `[servicenow]`, `[zenoss]`,
/// `[talk]`, `[snmptrap]`, and the older `[pagerduty]` (Events API v1) and `[opsgenie]` (API v1), with Kapacitor's keys, defaults and
/// validation texts. Their handlers are in `Alerting`.

/// `[servicenow]`: ServiceNow's event management API.
public struct ServiceNowSection: Sendable, ConfigSection, Equatable {
    public var enabled = false
    public var url = "https://instance.service-now.com/api/global/em/jsonv2"
    public var source = ""
    public var username = ""
    public var password = ""
    public var global = false
    public var stateChangesOnly = false

    public init() {}

    static var keys: [ConfigKey<ServiceNowSection>] {
        [
            .value("enabled", \.enabled), .value("url", \.url), .value("source", \.source), .value("username", \.username),
            .value("password", \.password, isSecret: true), .value("global", \.global), .value("state-changes-only", \.stateChangesOnly),
        ]
    }

    func validate() -> [ConfigProblem] {
        enabled && url.isEmpty ? [ConfigProblem(key: "url", message: "must specify events URL")] : []
    }
}

/// `[zenoss]`: Zenoss's JSON-RPC event router.
public struct ZenossSection: Sendable, ConfigSection, Equatable {
    public var enabled = false
    public var url = "https://tenant.zenoss.io:8080/zport/dmd/evconsole_router"
    public var username = ""
    public var password = ""
    public var action = "EventsRouter"
    public var method = "add_event"
    public var type = "rpc"
    public var tid = 1
    public var collector = "Kapacitor"
    /// Zenoss's severity for each level, by Kapacitor's names `OK`, `Info`, `Warning`, `Critical`.
    public var severityMap = TextOrNumberTable([
        "OK": .string("Clear"), "Info": .string("Info"), "Warning": .string("Warning"), "Critical": .string("Critical"),
    ])
    public var global = false
    public var stateChangesOnly = false

    public init() {}

    static var keys: [ConfigKey<ZenossSection>] {
        [
            .value("enabled", \.enabled), .value("url", \.url), .value("username", \.username),
            .value("password", \.password, isSecret: true),
            .value("action", \.action), .value("method", \.method), .value("type", \.type), .value("tid", \.tid),
            .value("collector", \.collector), .value("severity-map", \.severityMap), .value("global", \.global),
            .value("state-changes-only", \.stateChangesOnly),
        ]
    }

    func validate() -> [ConfigProblem] {
        var problems: [ConfigProblem] = []
        if enabled && url.isEmpty { problems.append(ConfigProblem(key: "url", message: "must specify events URL")) }
        if ["OK", "Info", "Warning", "Critical"].contains(where: { severityMap.entries[$0] == nil }) {
            problems.append(ConfigProblem(key: "severity-map", message: "invalid severity mapping"))
        }
        return problems
    }
}

/// `[talk]`: a Talk (jianliao.com) incoming webhook.
public struct TalkSection: Sendable, ConfigSection, Equatable {
    public var enabled = false
    public var url = ""
    public var authorName = ""

    public init() {}

    static var keys: [ConfigKey<TalkSection>] {
        [.value("enabled", \.enabled), .value("url", \.url, isSecret: true), .value("author_name", \.authorName)]
    }

    func validate() -> [ConfigProblem] {
        enabled && url.isEmpty ? [ConfigProblem(key: "url", message: "must specify url")] : []
    }
}

/// `[pagerduty]`: PagerDuty's Events API v1 (Kapacitor keeps it beside `[pagerduty2]`).
public struct PagerDutySection: Sendable, ConfigSection, Equatable {
    public var enabled = false
    public var url = "https://events.pagerduty.com/generic/2010-04-15/create_event.json"
    public var serviceKey = ""
    public var global = false

    public init() {}

    static var keys: [ConfigKey<PagerDutySection>] {
        [
            .value("enabled", \.enabled), .value("url", \.url), .value("service-key", \.serviceKey, isSecret: true),
            .value("global", \.global),
        ]
    }

    func validate() -> [ConfigProblem] {
        url.isEmpty ? [ConfigProblem(key: "url", message: "url cannot be empty")] : []
    }
}

/// `[opsgenie]`: OpsGenie's API v1 (Kapacitor keeps it beside `[opsgenie2]`).
public struct OpsGenieSection: Sendable, ConfigSection, Equatable {
    public var enabled = false
    public var apiKey = ""
    public var teams: [String] = []
    public var recipients: [String] = []
    public var url = "https://api.opsgenie.com/v1/json/alert"
    public var recoveryURL = "https://api.opsgenie.com/v1/json/alert/note"
    public var global = false

    public init() {}

    static var keys: [ConfigKey<OpsGenieSection>] {
        [
            .value("enabled", \.enabled), .value("api-key", \.apiKey, isSecret: true), .value("teams", \.teams),
            .value("recipients", \.recipients), .value("url", \.url), .value("recovery_url", \.recoveryURL), .value("global", \.global),
        ]
    }

    func validate() -> [ConfigProblem] {
        var problems: [ConfigProblem] = []
        if url.isEmpty { problems.append(ConfigProblem(key: "url", message: "url cannot be empty")) }
        if recoveryURL.isEmpty { problems.append(ConfigProblem(key: "recovery_url", message: "recovery_url cannot be empty")) }
        if enabled && apiKey.isEmpty { problems.append(ConfigProblem(key: "api-key", message: "api-key cannot be empty")) }
        return problems
    }
}

/// `[snmptrap]`: where SNMPv2c traps go (`host:port`, UDP) and their community.
public struct SNMPTrapSection: Sendable, ConfigSection, Equatable {
    public var enabled = false
    public var address = "localhost:162"
    public var community = "kapacitor"
    public var retries = 1

    public init() {}

    static var keys: [ConfigKey<SNMPTrapSection>] {
        [
            .value("enabled", \.enabled), .value("addr", \.address), .value("community", \.community, isSecret: true),
            .value("retries", \.retries, support: .ignored("a v2c trap is not acknowledged; each is sent once")),
        ]
    }

    func validate() -> [ConfigProblem] {
        enabled && address.isEmpty ? [ConfigProblem(key: "addr", message: "must specify addr")] : []
    }
}
