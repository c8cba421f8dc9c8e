import Logging
import SundialConfig

/// `.pagerDuty()`: PagerDuty's Events API v1 as Kapacitor's service posts it: a flat object of strings, `trigger` for
/// warning and critical, `resolve` for OK; info is not sent (PagerDuty v1 has no such level).
struct PagerDutyHandler: SendingHandler {
    let failureText = "pagerduty handler: failed to send event to PagerDuty"
    var section: PagerDutySection { services.configuration.pagerDuty }
    let serviceKey: String?
    let services: HandlerServices
    let logger: Logger

    init(options: HandlerOptions, services: HandlerServices, logger: Logger) {
        serviceKey = options.string("service-key").nonEmpty
        self.services = services
        self.logger = logger
    }

    func send(_ event: AlertEvent) async throws(HandlerRefusal) {
        let section = section
        guard section.enabled else { throw HandlerRefusal("service is not enabled", isPermanent: true) }
        let eventType: String
        switch event.state.level {
        case .warning, .critical: eventType = "trigger"
        case .ok: eventType = "resolve"
        case .info: throw HandlerRefusal("AlertLevel 'info' is currently ignored by the PagerDuty service", isPermanent: true)
        }
        let body = TemplateValue.map([
            "client": .string("kapacitor"), "client_url": .string(services.tasksURL + "/kapacitor/v1"),
            "description": .string(event.state.message), "details": .string(event.state.details), "event_type": .string(eventType),
            "incident_key": .string(event.id), "service_key": .string(serviceKey ?? section.serviceKey),
        ])
        var post = ServicePost(service: "PagerDuty", url: section.url, headers: [], success: [200], client: services.client)
        post.describe = { $0["message"] as? String }
        try await post.send(body.json + "\n")
    }
}

extension PagerDutyHandler {
    static let kind = HandlerKind(
        "pagerduty", property: "pagerDuty",
        globalSwitch: HandlerKind.globalSwitch { $0.configuration.pagerDuty },
        test: ServiceTest(
            name: "pagerduty",
            defaults: { _ in
                [
                    ("incident-key", .string("testIncidentKey")), ("description", .string("test pagerduty message")),
                    ("level", .string("CRITICAL")), ("details", .string("")),
                ]
            },
            send: { options, services, logger throws(HandlerRefusal) in
                var event = ServiceTest.event(
                    options, message: options.string("description") ?? "", id: options.string("incident-key") ?? "")
                event.state.details = options.string("details") ?? ""
                try await PagerDutyHandler(options: HandlerOptions(), services: services, logger: logger).send(event)
            }),
        make: { options, services, logger in PagerDutyHandler(options: options, services: services, logger: logger) })
}
