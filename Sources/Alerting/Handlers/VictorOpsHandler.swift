import Foundation
import Logging
import SundialConfig
import TimeSeries

/// `.victorOps()`: an alert to `<url>/<api-key>/<routing-key>`, `RECOVERY` for OK, as Kapacitor's VictorOps
/// service posts it; `data` is the alert's data as a JSON string (an object with `json-data`).
struct VictorOpsHandler: SendingHandler {
    let failureText = "victorops handler: failed to send event"
    /// Read at each send: the config API may have changed the service since the handler was made.
    var section: VictorOpsSection { services.configuration.victorOps }
    let routingKeyOption: String?
    var routingKey: String { routingKeyOption ?? section.routingKey }
    let services: HandlerServices
    let logger: Logger

    init(options: HandlerOptions, services: HandlerServices, logger: Logger) {
        routingKeyOption = options.string("routing-key").nonEmpty
        self.services = services
        self.logger = logger
    }

    func send(_ event: AlertEvent) async throws(HandlerRefusal) {
        try await send(event, messageType: event.state.level == .ok ? "RECOVERY" : event.state.level.description)
    }

    func send(_ event: AlertEvent, messageType: String) async throws(HandlerRefusal) {
        guard section.enabled else { throw HandlerRefusal("service is not enabled", isPermanent: true) }
        let result = TemplateValue.object([("series", event.data.isEmpty ? .null : .list(event.data.map(\.templateValue)))])
        let body = TemplateValue.map([
            "message_type": .string(messageType), "entity_id": .string(event.id), "state_message": .string(event.state.message),
            "timestamp": .int(event.state.time / 1_000_000_000), "monitoring_tool": .string("kapacitor"),
            "data": section.jsonData ? result : .string(result.json),
        ])
        let url = [section.url.withoutTrailingSlash, section.apiKey, routingKey].filter { !$0.isEmpty }.joined(separator: "/")
        var post = ServicePost(service: "VictorOps", url: url, headers: [], success: [200], client: services.client)
        post.describe = { $0["message"] as? String }
        post.describeStatus = { $0 == 404 ? "URL or API key not found: 404" : nil }
        try await post.send(body.json + "\n")
    }
}

extension VictorOpsHandler {
    static let kind = HandlerKind(
        "victorops", property: "victorOps",
        globalSwitch: HandlerKind.globalSwitch { $0.configuration.victorOps },
        test: ServiceTest(
            name: "victorops",
            defaults: { services in
                [
                    ("routingKey", .string(services.configuration.victorOps.routingKey)), ("messageType", .string("CRITICAL")),
                    ("message", .string("test victorops message")), ("entityID", .string("testEntityID")),
                ]
            },
            send: { options, services, logger throws(HandlerRefusal) in
                var routed = HandlerOptions()
                routed["routing-key"] = options["routingKey"]
                let event = ServiceTest.event(options, level: .critical, id: options.string("entityID") ?? "")
                try await VictorOpsHandler(options: routed, services: services, logger: logger)
                    .send(event, messageType: options.string("messageType") ?? "CRITICAL")
            }),
        make: { options, services, logger in VictorOpsHandler(options: options, services: services, logger: logger) })
}
