import Foundation
import Logging
import SundialConfig
import TimeSeries

/// `.pushover()`: a form-encoded message with the priority the level gives (OK −2, INFO −1, WARNING 0, CRITICAL 1),
/// as Kapacitor's Pushover service posts it.
struct PushoverHandler: SendingHandler {
    let failureText = "pushover handler: failed to send event to Pushover"
    /// Read at each send: the config API may have changed the service since the handler was made.
    var section: PushoverSection { services.configuration.pushover }
    let options: HandlerOptions
    let services: HandlerServices
    let logger: Logger

    init(options: HandlerOptions, services: HandlerServices, logger: Logger) {
        self.options = options
        self.services = services
        self.logger = logger
    }

    func send(_ event: AlertEvent) async throws(HandlerRefusal) {
        guard section.enabled else { throw HandlerRefusal("service is not enabled", isPermanent: true) }
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

extension PushoverHandler {
    static let kind = HandlerKind(
        "pushover", property: "pushover",
        test: ServiceTest(
            name: "pushover",
            defaults: { _ in
                // Kapacitor lists the configured user key here; Sundial never shows a secret.
                [
                    ("user-key", .string("")), ("message", .string("test pushover message")), ("device", .string("")),
                    ("title", .string("")), ("url", .string("")), ("url-title", .string("")), ("sound", .string("")),
                    ("level", .string("CRITICAL")),
                ]
            },
            send: { options, services, logger throws(HandlerRefusal) in
                try await PushoverHandler(options: options, services: services, logger: logger).send(ServiceTest.event(options))
            }),
        make: { options, services, logger in PushoverHandler(options: options, services: services, logger: logger) })
}
