import Foundation
import Logging
import SundialConfig

/// `.serviceNow()`: one record to ServiceNow's event API as Kapacitor's service posts it: `source`, the templated
/// `node`, `type`, `resource`, `metric_name`, `message_key` (the alert id unless set), `severity` as ServiceNow's
/// number in a string, the message as `description`, and `additional_info` as a JSON object in a string; each cut to
/// ServiceNow's field sizes. Basic auth with the config's credentials, only to the config's URL.
struct ServiceNowHandler: SendingHandler {
    let failureText = "servicenow handler: failed to send event to ServiceNow"
    var section: ServiceNowSection { services.configuration.serviceNow }
    let options: HandlerOptions
    let templates: [String: AlertTemplate]
    let additionalInfo: [String: HandlerOptions.Value]
    let services: HandlerServices
    let logger: Logger

    /// Each templated field with the option names that may give it: topic options, then TICKscript's.
    static let fields: [(field: String, options: [String], limit: Int)] = [
        ("node", ["node"], 100), ("type", ["type"], 100), ("resource", ["resource"], 100),
        ("metric_name", ["metricname", "metric-name", "metric_name"], 100),
        ("message_key", ["messagekey", "message-key", "message_key"], 1024),
    ]

    init(options: HandlerOptions, services: HandlerServices, logger: Logger) throws(HandlerRefusal) {
        do {
            templates = try options.templates(Self.fields.map { (field: $0.field, options: $0.options) })
        } catch {
            throw HandlerRefusal("failed to parse ServiceNow template: \(error)")
        }
        additionalInfo = options.table("additional_info").merging(options.table("additional-info")) { _, own in own }
        self.options = options
        self.services = services
        self.logger = logger
    }

    func send(_ event: AlertEvent) async throws(HandlerRefusal) {
        let section = section
        guard section.enabled else { throw HandlerRefusal("service is not enabled", isPermanent: true) }
        let data = event.templateData
        var record: [String: TemplateValue] = [
            "source": .string((options.string("source").nonEmpty ?? section.source).prefix(bytes: 100)),
            "severity": .string(Self.severity(event.state.level)),
        ]
        for (field, _, limit) in Self.fields {
            var text = (try? templates[field]?.render(data)) ?? ""
            if field == "message_key", text.isEmpty { text = event.id }
            if !text.isEmpty { record[field] = .string(text.prefix(bytes: limit)) }
        }
        if !event.state.message.isEmpty { record["description"] = .string(event.state.message.prefix(bytes: 4000)) }
        if !additionalInfo.isEmpty {
            var info: [String: TemplateValue] = [:]
            for (key, value) in additionalInfo {
                if case .string(let text) = value {
                    info[key] = .string((try? AlertTemplate(text).render(data)) ?? text)
                } else {
                    info[key] = .string(value.templateValue.printed)
                }
            }
            record["additional_info"] = .string(TemplateValue.map(info).json)
        }
        let body = TemplateValue.map(["records": .list([.map(record)])])
        let url = options.string("url").nonEmpty ?? section.url
        var headers: [(String, String)] = []
        // The config's credentials go only to the config's URL: a script or topic handler naming another URL must not
        // be able to collect them.
        if url == section.url, !section.username.isEmpty, !section.password.isEmpty {
            headers.append(("Authorization", "Basic " + Data("\(section.username):\(section.password)".utf8).base64EncodedString()))
        }
        let post = ServicePost(service: "ServiceNow", url: url, headers: headers, success: [200], client: services.client)
        try await post.send(body.json + "\n")
    }

    /// ServiceNow's severities: 1 critical, 4 warning, 5 OK and info.
    static func severity(_ level: AlertLevel) -> String {
        switch level {
        case .ok, .info: "5"
        case .warning: "4"
        case .critical: "1"
        }
    }
}

extension String {
    /// At most `limit` bytes of UTF-8, cut at a character's end (Kapacitor cuts at the byte).
    func prefix(bytes limit: Int) -> String {
        guard utf8.count > limit else { return self }
        var result = ""
        var count = 0
        for character in self {
            count += character.utf8.count
            guard count <= limit else { break }
            result.append(character)
        }
        return result
    }
}

extension ServiceNowHandler {
    static let kind = HandlerKind(
        "servicenow", property: "serviceNow",
        globalSwitch: HandlerKind.globalSwitch { $0.configuration.serviceNow },
        test: ServiceTest(
            name: "servicenow",
            defaults: { _ in
                [
                    ("alert_id", .string("1001")), ("message", .string("test servicenow message")), ("level", .string("CRITICAL")),
                    ("source", .string("Kapacitor")), ("node", .string("")), ("type", .string("")), ("resource", .string("")),
                    ("metric_name", .string("")), ("message_key", .string("")), ("additional_info", .object([:])),
                ]
            },
            send: { options, services, logger throws(HandlerRefusal) in
                var given = options
                given["metric_name"] = nil
                given["message_key"] = nil
                given["metricname"] = options["metric_name"]
                given["messagekey"] = options["message_key"]
                given["url"] = nil
                try await ServiceNowHandler(options: given, services: services, logger: logger)
                    .send(ServiceTest.event(options, id: options.string("alert_id") ?? ""))
            }),
        unusedProperties: Dictionary(
            uniqueKeysWithValues: ["username", "password"].map {
                ($0, "as in Kapacitor, only the [servicenow] section's credentials are sent, and only to its url")
            }),
        make: { options, services, logger throws(HandlerRefusal) in
            try ServiceNowHandler(options: options, services: services, logger: logger)
        })
}
