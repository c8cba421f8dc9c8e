import Logging
import SundialConfig
import TimeSeries

/// `.opsGenie()`: OpsGenie's API v1 as Kapacitor's service posts it: the API key in the body, the data as JSON text in
/// `description`, and a recovery (OK) to `recovery_url` with the message as its note; both URLs get a trailing slash.
struct OpsGenieHandler: SendingHandler {
    let failureText = "opsgenie handler: failed to send event to OpsGenie"
    var section: OpsGenieSection { services.configuration.opsGenie }
    let teams: [String]
    let recipients: [String]
    let services: HandlerServices
    let logger: Logger

    init(options: HandlerOptions, services: HandlerServices, logger: Logger) {
        // Topic options say `teams-list`, TICKscript `.teams()`.
        teams = options.strings("teams-list") + options.strings("teams")
        recipients = options.strings("recipients-list") + options.strings("recipients")
        self.services = services
        self.logger = logger
    }

    func send(_ event: AlertEvent) async throws(HandlerRefusal) {
        try await send(event, messageType: event.state.level == .ok ? "RECOVERY" : event.state.level.description)
    }

    func send(_ event: AlertEvent, messageType: String) async throws(HandlerRefusal) {
        let section = section
        guard section.enabled else { throw HandlerRefusal("service is not enabled", isPermanent: true) }
        let isRecovery = messageType == "RECOVERY"
        let result = TemplateValue.object([("series", event.data.isEmpty ? .null : .list(event.data.map(\.templateValue)))])
        var body: [String: TemplateValue] = [
            "alias": .string(event.id), "apiKey": .string(section.apiKey), "description": .string(result.json),
            "details": .map(["Level": .string(messageType), "Monitoring Tool": .string("Kapacitor")]), "entity": .string(event.id),
            "message": .string(event.state.message), "monitoring_tool": .string("kapacitor"),
            "note": .string(isRecovery ? event.state.message : ""),
        ]
        let teams = teams.isEmpty ? section.teams : teams
        let recipients = recipients.isEmpty ? section.recipients : recipients
        if !teams.isEmpty { body["teams"] = .list(teams.map { .string($0) }) }
        if !recipients.isEmpty { body["recipients"] = .list(recipients.map { .string($0) }) }
        let url = (isRecovery ? section.recoveryURL : section.url) + "/"
        var post = ServicePost(service: "OpsGenie", url: url, headers: [], success: [200], client: services.client)
        post.describe = { $0["message"] as? String }
        try await post.send(TemplateValue.map(body).json + "\n")
    }
}

extension OpsGenieHandler {
    static let kind = HandlerKind(
        "opsgenie", property: "opsGenie",
        globalSwitch: HandlerKind.globalSwitch { $0.configuration.opsGenie },
        test: ServiceTest(
            name: "opsgenie",
            defaults: { services in
                let section = services.configuration.opsGenie
                return [
                    ("teams", .list(section.teams.map { .string($0) })), ("recipients", .list(section.recipients.map { .string($0) })),
                    ("message-type", .string("CRITICAL")), ("message", .string("test opsgenie message")),
                    ("entity-id", .string("testEntityID")),
                ]
            },
            send: { options, services, logger throws(HandlerRefusal) in
                var given = HandlerOptions()
                given["teams-list"] = options["teams"]
                given["recipients-list"] = options["recipients"]
                try await OpsGenieHandler(options: given, services: services, logger: logger)
                    .send(
                        ServiceTest.event(options, level: .critical, id: options.string("entity-id") ?? ""),
                        messageType: options.string("message-type") ?? "CRITICAL")
            }),
        make: { options, services, logger in OpsGenieHandler(options: options, services: services, logger: logger) })
}
