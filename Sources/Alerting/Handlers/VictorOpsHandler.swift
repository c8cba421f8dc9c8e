import Foundation
public import Logging
public import SundialConfig
import TimeSeries

/// `.victorOps()`: an alert to `<url>/<api-key>/<routing-key>`, `RECOVERY` for OK, as Kapacitor's VictorOps
/// service posts it; `data` is the alert's data as a JSON string (an object with `json-data`).
struct VictorOpsHandler: SendingHandler {
    let failureText = "victorops handler: failed to send event"
    /// Read at each send: the config API may have changed the service since the handler was made.
    var section: VictorOpsSection { services.victorOps }
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
