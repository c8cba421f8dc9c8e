import Logging
import SundialConfig
import TimeSeries

/// `.pagerDuty2()`: an Events API v2 event per alert, `trigger` for INFO, WARNING and CRITICAL and `resolve` for OK,
/// deduplicated by the alert id, with the links' templates rendered, as Kapacitor's PagerDuty2 service sends it.
struct PagerDuty2Handler: SendingHandler {
    let failureText = "pagerduty2 handler: failed to send event to PagerDuty"
    struct Link {
        let href: AlertTemplate
        let text: AlertTemplate?
    }

    /// Read at each send: the config API may have changed the service since the handler was made.
    var section: PagerDuty2Section { services.configuration.pagerDuty2 }
    let routingKeyOption: String?
    var routingKey: String { routingKeyOption ?? section.routingKey }
    let links: [Link]
    let services: HandlerServices
    let logger: Logger

    init(options: HandlerOptions, services: HandlerServices, logger: Logger) throws(HandlerRefusal) {
        routingKeyOption = options.string("routing-key").nonEmpty
        var links: [Link] = []
        if case .list(let entries)? = options["links"] {
            for case .object(let link) in entries {
                guard case .string(let href)? = link["href"] else { continue }
                let text: String? = if case .string(let given)? = link["text"], !given.isEmpty { given } else { nil }
                do {
                    links.append(Link(href: try AlertTemplate(href), text: try text.map { try AlertTemplate($0) }))
                } catch {
                    throw HandlerRefusal("pagerduty2 link template: \(error)")
                }
            }
        }
        self.links = links
        self.services = services
        self.logger = logger
    }

    func send(_ event: AlertEvent) async throws(HandlerRefusal) {
        guard section.enabled else { throw HandlerRefusal("service is not enabled", isPermanent: true) }
        let headers = [("Accept", "application/vnd.pagerduty+json;version=2")]
        try await ServicePost(service: "PagerDuty2", url: section.url, headers: headers, success: [200, 202], client: services.client)
            .send(try payload(event).json + "\n")
    }

    func payload(_ event: AlertEvent) throws(HandlerRefusal) -> TemplateValue {
        let severity: String
        switch event.state.level {
        case .critical: severity = "critical"
        case .warning: severity = "warning"
        default: severity = "info"
        }
        let data = event.templateData
        var rendered: [TemplateValue] = []
        do {
            for link in links {
                let href = try link.href.render(data)
                rendered.append(.object([("href", .string(href)), ("text", .string(try link.text?.render(data) ?? href))]))
            }
        } catch {
            throw HandlerRefusal("\(error)")
        }
        let result = TemplateValue.object([("series", .list(event.data.map(\.templateValue)))])
        return .object([
            ("routing_key", .string(routingKey)), ("event_action", .string(event.state.level == .ok ? "resolve" : "trigger")),
            ("dedup_key", .string(event.id)),
            (
                "payload",
                .object([
                    ("summary", .string(event.state.message)), ("source", .string(event.data.first?.tags?["host"] ?? "unknown")),
                    ("severity", .string(severity)), ("timestamp", .string(GoTime.rfc3339NineDigits(event.state.time))),
                    ("class", .string(event.taskName)), ("component", .string("")), ("group", .string("")),
                    ("custom_details", .object([("result", result)])),
                ])
            ),
            ("images", .null), ("links", links.isEmpty ? .null : .list(rendered)), ("client", .string("kapacitor")),
            ("client_url", .string(services.tasksURL + "/kapacitor/v1")),
        ])
    }
}

extension ResultSeries {
    /// The series as Kapacitor's models.Row writes it in JSON (`name`, `tags`, `columns`, `values`, empty ones left out).
    var templateValue: TemplateValue {
        var members: [(String, TemplateValue)] = []
        if let name { members.append(("name", .string(name))) }
        if let tags, !tags.isEmpty { members.append(("tags", .map(tags.mapValues { .string($0) }))) }
        members.append(("columns", .list(columns.map { .string($0) })))
        members.append(("values", .list(values.map { row in .list(row.map(TemplateValue.cell)) })))
        return .object(members)
    }
}

extension TemplateValue {
    /// A result cell as JSON shows it (times in RFC 3339).
    static func cell(_ value: ResultValue) -> TemplateValue {
        switch value {
        case .null: .null
        case .float(let number): .float(number)
        case .integer(let number): .int(number)
        case .unsigned(let number): .int(Int64(truncatingIfNeeded: number))
        case .string(let text): .string(text)
        case .boolean(let flag): .bool(flag)
        case .time(let nanoseconds): .time(nanoseconds)
        case .strings(let texts): .list(texts.map { .string($0) })
        }
    }
}

extension PagerDuty2Handler {
    static let kind = HandlerKind(
        "pagerduty2", property: "pagerDuty2",
        globalSwitch: HandlerKind.globalSwitch { $0.configuration.pagerDuty2 },
        test: ServiceTest(
            name: "pagerduty2",
            defaults: { _ in
                [
                    ("alert_id", .string("testAlertID")), ("description", .string("test pagerduty2 message")),
                    ("level", .string("CRITICAL")), ("timestamp", .string("2014-11-12T11:45:26.371Z")),
                    (
                        "links",
                        .list([
                            .object(["href": .string("https://example.com/a"), "text": .string("a")]),
                            .object(["href": .string("https://example.com/b"), "text": .string("b")]),
                        ])
                    ),
                ]
            },
            send: { options, services, logger throws(HandlerRefusal) in
                let event = ServiceTest.event(options, message: options.string("description") ?? "", id: options.string("alert_id") ?? "")
                try await PagerDuty2Handler(options: HandlerOptions(), services: services, logger: logger).send(event)
            }),
        make: { options, services, logger throws(HandlerRefusal) in
            try PagerDuty2Handler(options: options, services: services, logger: logger)
        })
}
