import Foundation
import Logging
import SundialConfig
import TimeSeries

/// `.bigPanda()`: an alert to BigPanda's alerts API as Kapacitor's BigPanda service posts it: `app_key`, `status`
/// (`ok` for OK and info), `check` (the id), `description`, `details` (unless it is the default JSON), `task`
/// (`<task>:<measurement>`), `timestamp` in seconds, the event's tags and fields as attributes (`auto-attributes`),
/// then `host` and the handler's attributes (templates) over them. BigPanda answers 201.
struct BigPandaHandler: SendingHandler {
    let failureText = "bigpanda handler: failed to send event to BigPanda"
    var section: BigPandaSection { services.configuration.bigPanda }
    let options: HandlerOptions
    let attributes: [String: HandlerOptions.Value]
    let services: HandlerServices
    let logger: Logger

    init(options: HandlerOptions, services: HandlerServices, logger: Logger) {
        // Topic options say `attributes`, TICKscript `.attribute('k', v)`.
        var attributes = options.table("attributes").merging(options.table("attribute")) { _, own in own }
        attributes["host"] = .string(options.string("host") ?? "")
        self.attributes = attributes
        self.options = options
        self.services = services
        self.logger = logger
    }

    func send(_ event: AlertEvent) async throws(HandlerRefusal) {
        let section = section
        guard section.enabled else { throw HandlerRefusal("service is not enabled", isPermanent: true) }
        var body: [String: TemplateValue] = [:]
        let state = event.state
        if !state.message.isEmpty { body["description"] = .string(state.message) }
        if !state.details.isEmpty, !state.details.hasPrefix("{") { body["details"] = .string(Self.unescapeHTML(state.details)) }
        if !event.id.isEmpty { body["check"] = .string(event.id) }
        body["task"] = .string("\(event.taskName):\(event.data.first?.name ?? "")")
        body["timestamp"] = .int(state.time / 1_000_000_000)
        body["status"] = .string(state.level == .ok || state.level == .info ? "ok" : state.level == .warning ? "warning" : "critical")
        if let primary = options.string("primary-property").nonEmpty { body["primary_property"] = .string(primary) }
        if let secondary = options.string("secondary-property").nonEmpty { body["secondary_property"] = .string(secondary) }
        body["app_key"] = .string(options.string("app-key").nonEmpty ?? section.appKey)
        let automatic = section.autoAttributes.lowercased()
        if automatic.contains("tags") { for (key, value) in event.data.first?.tags ?? [:] { body[key] = .string(value) } }
        if automatic.contains("fields") {
            for (key, value) in Self.fields(event) { body[key] = value }
        }
        let data = event.templateData
        for (key, value) in attributes {
            guard case .string(let text) = value else {
                body[key] = .string(value.templateValue.json)
                continue
            }
            do {
                body[key] = .string(try AlertTemplate(text).render(data))
            } catch {
                throw HandlerRefusal("failed to evaluate BigPanda template: \(error)", isPermanent: true)
            }
        }
        let url = options.string("url").nonEmpty ?? section.url
        // The config's token goes only to the config's URL (a handler naming another URL must not collect it).
        let headers = url == section.url ? [("Authorization", "Bearer \(section.token)")] : []
        var post = ServicePost(service: "BigPanda", url: url, headers: headers, success: [201], client: services.client)
        post.describe = { $0["error"] as? String }
        try await post.send(TemplateValue.map(body).json)
    }

    /// The last row's fields: text as it is, anything else as its JSON.
    static func fields(_ event: AlertEvent) -> [String: TemplateValue] {
        guard let series = event.data.first, let row = series.values.last else { return [:] }
        var fields: [String: TemplateValue] = [:]
        for (column, value) in zip(series.columns, row) where column != "time" {
            guard let field = value.fieldValue else { continue }
            if case .string(let text) = field {
                fields[column] = .string(text)
            } else {
                fields[column] = .string(TemplateValue(field).json)
            }
        }
        return fields
    }

    /// Go's `html.UnescapeString` for the entities templates escape.
    static func unescapeHTML(_ text: String) -> String {
        var result = text
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&#34;", "\""), ("&#39;", "'"), ("&quot;", "\""), ("&amp;", "&")] {
            result = result.replacingOccurrences(of: entity, with: character)
        }
        return result
    }
}

extension BigPandaHandler {
    static let kind = HandlerKind(
        "bigpanda", property: "bigPanda",
        globalSwitch: HandlerKind.globalSwitch { $0.configuration.bigPanda },
        test: ServiceTest(
            name: "bigpanda",
            defaults: { _ in
                [
                    ("app_key", .string("012345")), ("message", .string("test bigpanda message")), ("level", .string("CRITICAL")),
                    ("host", .string("serverA")), ("primary_property", .string("")), ("secondary_property", .string("")),
                ]
            },
            send: { options, services, logger throws(HandlerRefusal) in
                var given = HandlerOptions()
                given["app-key"] = options["app_key"]
                var event = ServiceTest.event(options)
                event.taskName = ""
                try await BigPandaHandler(options: given, services: services, logger: logger).send(event)
            }),
        make: { options, services, logger in BigPandaHandler(options: options, services: services, logger: logger) })
}
