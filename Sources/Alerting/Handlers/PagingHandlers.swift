import Foundation
public import Logging
public import SundialConfig
import TimeSeries

/// `.victorOps()`: an alert to `<url>/<api-key>/<routing-key>`, `RECOVERY` for OK, as Kapacitor's VictorOps
/// service posts it; `data` is the alert's data as a JSON string (an object with `json-data`).
public struct VictorOpsHandler: AlertHandler {
    let section: VictorOpsSection
    let routingKey: String
    let services: HandlerServices
    let logger: Logger

    init(options: HandlerOptions, services: HandlerServices, logger: Logger) {
        section = services.victorOps
        routingKey = options.string("routing-key").nonEmpty ?? services.victorOps.routingKey
        self.services = services
        self.logger = logger
    }

    public func handle(_ event: AlertEvent) async {
        do {
            try await send(event, messageType: event.state.level == .ok ? "RECOVERY" : event.state.level.description)
        } catch {
            logger.error("victorops handler: failed to send event: \(error)")
        }
    }

    func send(_ event: AlertEvent, messageType: String) async throws(HandlerRefusal) {
        guard section.enabled else { throw HandlerRefusal("service is not enabled") }
        let result = TemplateValue.object([("series", event.data.isEmpty ? .null : .list(event.data.map(\.templateValue)))])
        let body = TemplateValue.map([
            "message_type": .string(messageType), "entity_id": .string(event.id), "state_message": .string(event.state.message),
            "timestamp": .int(event.state.time / 1_000_000_000), "monitoring_tool": .string("kapacitor"),
            "data": section.jsonData ? result : .string(result.json),
        ])
        let base = section.url.hasSuffix("/") ? String(section.url.dropLast()) : section.url
        let url = [base, section.apiKey, routingKey].filter { !$0.isEmpty }.joined(separator: "/")
        var post = ServicePost(service: "VictorOps", url: url, headers: [], success: [200], client: services.client)
        post.describe = { $0["message"] as? String }
        post.describeStatus = { $0 == 404 ? "URL or API key not found: 404" : nil }
        try await post.send(body.json + "\n")
    }
}

/// `.pushover()`: a form-encoded message with the priority the level gives (OK −2, INFO −1, WARNING 0, CRITICAL 1),
/// as Kapacitor's Pushover service posts it.
public struct PushoverHandler: AlertHandler {
    let section: PushoverSection
    let options: HandlerOptions
    let services: HandlerServices
    let logger: Logger

    init(options: HandlerOptions, services: HandlerServices, logger: Logger) {
        section = services.pushover
        self.options = options
        self.services = services
        self.logger = logger
    }

    public func handle(_ event: AlertEvent) async {
        do {
            try await send(event)
        } catch {
            logger.error("pushover handler: failed to send event to Pushover: \(error)")
        }
    }

    func send(_ event: AlertEvent) async throws(HandlerRefusal) {
        guard section.enabled else { throw HandlerRefusal("service is not enabled") }
        let priority = ["OK": "-2", "INFO": "-1", "WARNING": "0", "CRITICAL": "1"][event.state.level.description] ?? "0"
        var fields: [(String, String)] = [
            ("token", section.token), ("user", options.string("user-key").nonEmpty ?? section.userKey), ("message", event.state.message),
            ("priority", priority),
        ]
        for (option, field) in [("device", "device"), ("title", "title"), ("url", "url"), ("url-title", "url_title"), ("sound", "sound")] {
            if let value = options.string(option).nonEmpty { fields.append((field, value)) }
        }
        var form = URLComponents()
        form.queryItems = fields.sorted { $0.0 < $1.0 }.map { URLQueryItem(name: $0.0, value: $0.1) }
        var post = ServicePost(service: "Pushover", url: section.url, headers: [], success: [200], client: services.client)
        post.contentType = "application/x-www-form-urlencoded"
        try await post.send((form.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B"))
    }
}

/// `.opsGenie2()`: an alert (priority P1, P3 or P5 by level, responders from teams and recipients, aliased by the
/// alert id) and, for OK, a note on it or its closing, as Kapacitor's OpsGenie2 service sends them.
public struct OpsGenie2Handler: AlertHandler {
    let section: OpsGenie2Section
    let options: HandlerOptions
    let services: HandlerServices
    let logger: Logger

    init(options: HandlerOptions, services: HandlerServices, logger: Logger) {
        section = services.opsGenie2
        self.options = options
        self.services = services
        self.logger = logger
    }

    public func handle(_ event: AlertEvent) async {
        do {
            try await send(event)
        } catch {
            logger.error("opsgenie2 handler: failed to send event to OpsGenie: \(error)")
        }
    }

    func send(_ event: AlertEvent) async throws(HandlerRefusal) {
        guard section.enabled else { throw HandlerRefusal("failed to prepare API request: service is not enabled") }
        let alias = Data(event.id.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(
            of: "/", with: "_")
        let base = section.url.hasSuffix("/") ? String(section.url.dropLast()) : section.url
        let url: String
        let body: TemplateValue
        if event.state.level == .ok {
            let asked = options.string("recovery_action") ?? options.string("recovery-action") ?? ""
            let action =
                ["close", "notes"].contains(asked)
                ? asked : ["close", "notes"].contains(section.recoveryAction) ? section.recoveryAction : "notes"
            url = "\(base)/\(alias.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? alias)/\(action)?identifierType=alias"
            body = .object([("note", .string(event.state.message))])
        } else {
            url = section.url
            body = alertBody(event, alias: alias)
        }
        var post = ServicePost(
            service: "OpsGenie", url: url, headers: [("Authorization", "GenieKey \(section.apiKey)")], success: [202],
            client: services.client)
        post.describe = { ($0["message"] as? String).map { "opsgenie error: \($0)" } }
        try await post.send(body.json)
    }

    private func alertBody(_ event: AlertEvent, alias: String) -> TemplateValue {
        let priority = [AlertLevel.info: "P5", .warning: "P3", .critical: "P1"][event.state.level] ?? ""
        let result = TemplateValue.object([("series", event.data.isEmpty ? .null : .list(event.data.map(\.templateValue)))])
        let description = section.details && !event.state.details.isEmpty ? event.state.details : result.json
        var details: [String: TemplateValue] = ["Monitoring Tool": .string("Kapacitor"), "Level": .string(event.state.level.description)]
        if let series = event.data.first {
            for (key, value) in series.tags ?? [:] { details[key] = .string(value) }
            details["Kapacitor Task Name"] = .string(series.name ?? "")
        }
        // Topic handlers say `teams-list`, a script `.teams(…)`.
        let givenTeams = options.strings("teams-list") + options.strings("teams")
        let givenRecipients = options.strings("recipients-list") + options.strings("recipients")
        let teams = givenTeams.isEmpty ? section.teams : givenTeams
        let recipients = givenRecipients.isEmpty ? section.recipients : givenRecipients
        let responders: [TemplateValue] =
            teams.map { .object([("name", .string($0)), ("type", .string("team"))]) }
            + recipients.map { .object([("username", .string($0)), ("type", .string("user"))]) }
        var members: [(String, TemplateValue)] = [
            ("message", .string(event.state.message)), ("alias", .string(alias)), ("description", .string(description)),
            ("entity", .string(event.id)), ("note", .string("")), ("priority", .string(priority)), ("details", .map(details)),
        ]
        if !responders.isEmpty { members.append(("responders", .list(responders))) }
        return .object(members)
    }
}
