import Foundation
public import Logging
public import SundialConfig
import TimeSeries

/// `.pushover()`: a form-encoded message with the priority the level gives (OK −2, INFO −1, WARNING 0, CRITICAL 1),
/// as Kapacitor's Pushover service posts it.
struct PushoverHandler: SendingHandler {
    let failureText = "pushover handler: failed to send event to Pushover"
    /// Read at each send: the config API may have changed the service since the handler was made.
    var section: PushoverSection { services.pushover }
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
