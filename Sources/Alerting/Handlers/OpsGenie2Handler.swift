import Foundation
import Logging
import SundialConfig
import TimeSeries

/// `.opsGenie2()`: an alert (priority P1, P3 or P5 by level, responders from teams and recipients, aliased by the
/// alert id) and, for OK, a note on it or its closing, as Kapacitor's OpsGenie2 service sends them.
struct OpsGenie2Handler: SendingHandler {
    let failureText = "opsgenie2 handler: failed to send event to OpsGenie"
    /// Read at each send: the config API may have changed the service since the handler was made.
    var section: OpsGenie2Section { services.configuration.opsGenie2 }
    let options: HandlerOptions
    let services: HandlerServices
    let logger: Logger

    init(options: HandlerOptions, services: HandlerServices, logger: Logger) {
        self.options = options
        self.services = services
        self.logger = logger
    }

    func send(_ event: AlertEvent) async throws(HandlerRefusal) {
        guard section.enabled else { throw HandlerRefusal("failed to prepare API request: service is not enabled", isPermanent: true) }
        let alias = Data(event.id.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(
            of: "/", with: "_")
        let base = section.url.withoutTrailingSlash
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

extension OpsGenie2Handler {
    static let kind = HandlerKind(
        "opsgenie2", property: "opsGenie2",
        globalSwitch: HandlerKind.globalSwitch { $0.configuration.opsGenie2 },
        test: ServiceTest(
            name: "opsgenie2",
            defaults: { services in
                let section = services.configuration.opsGenie2
                return [
                    ("teams", .list(section.teams.map { .string($0) })), ("recipients", .list(section.recipients.map { .string($0) })),
                    ("recovery_action", .string(section.recoveryAction)), ("message-type", .string("CRITICAL")),
                    ("message", .string("test opsgenie message")), ("entity-id", .string("testEntityID")),
                ]
            },
            send: { options, services, logger throws(HandlerRefusal) in
                let type = options.string("message-type") ?? "CRITICAL"
                let level = type.uppercased() == "RECOVERY" ? AlertLevel.ok : AlertLevel(name: type) ?? .critical
                var given = HandlerOptions()
                given["teams-list"] = options["teams"]
                given["recipients-list"] = options["recipients"]
                given["recovery_action"] = options["recovery_action"]
                try await OpsGenie2Handler(options: given, services: services, logger: logger)
                    .send(ServiceTest.event(options, level: level, id: options.string("entity-id") ?? ""))
            }),
        make: { options, services, logger in OpsGenie2Handler(options: options, services: services, logger: logger) })
}
