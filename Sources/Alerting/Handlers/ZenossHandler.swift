import Foundation
import Logging
import SundialConfig

/// `.zenoss()`: an event to Zenoss's JSON-RPC router as Kapacitor's service posts it: `action`, `method`, one `data`
/// object (`summary`, the message unless set, `device`, `component`, `evclasskey`, `evclass`, the level through
/// `severity-map`, `collector`, `message`, then the custom fields, whose text that reads as JSON is embedded as
/// JSON), `type` and `tid`. Basic auth with the config's credentials.
struct ZenossHandler: SendingHandler {
    let failureText = "zenoss handler: failed to send event to Zenoss"
    var section: ZenossSection { services.configuration.zenoss }
    let options: HandlerOptions
    let templates: [String: AlertTemplate]
    let customFields: [String: HandlerOptions.Value]
    let services: HandlerServices
    let logger: Logger

    /// Each templated data field with the option names that may give it: topic options, then TICKscript's.
    static let fields: [(field: String, options: [String])] = [
        ("summary", ["summary"]), ("device", ["device"]), ("component", ["component"]),
        ("evclasskey", ["eventclasskey", "event-class-key"]), ("evclass", ["eventclass", "event-class"]), ("collector", ["collector"]),
        ("message", ["message"]),
    ]

    init(options: HandlerOptions, services: HandlerServices, logger: Logger) throws(HandlerRefusal) {
        do {
            templates = try options.templates(Self.fields)
        } catch {
            throw HandlerRefusal("failed to parse Zenoss template: \(error)")
        }
        customFields = options.table("customField").merging(options.table("custom-field")) { _, own in own }
        self.options = options
        self.services = services
        self.logger = logger
    }

    func send(_ event: AlertEvent) async throws(HandlerRefusal) {
        let section = section
        guard section.enabled else { throw HandlerRefusal("service is not enabled", isPermanent: true) }
        let data = event.templateData
        func render(_ field: String) -> String { (try? templates[field]?.render(data)) ?? "" }
        var fields: [String: TemplateValue] = [:]
        let summary = render("summary")
        fields["summary"] = .string((summary.isEmpty ? event.state.message : summary).prefix(bytes: 256))
        for field in ["device", "component", "evclasskey", "evclass"] { fields[field] = .string(render(field)) }
        let severityName = ["OK", "Info", "Warning", "Critical"][event.state.level.rawValue]
        fields["severity"] =
            switch section.severityMap.entries[severityName] {
            case .int(let number)?: .int(Int64(number))
            case .string(let text)?: .string(text)
            default: .null
            }
        let collector = render("collector").nonEmpty ?? section.collector
        if !collector.isEmpty { fields["collector"] = .string(collector) }
        let message = render("message")
        if !message.isEmpty { fields["message"] = .string(message.prefix(bytes: 4096)) }
        for (key, value) in customFields {
            guard case .string(let text) = value else {
                fields[key] = value.templateValue
                continue
            }
            let rendered = (try? AlertTemplate(text).render(data)) ?? text
            fields[key] = Self.embedded(rendered)
        }
        let tid = options.number("tid").flatMap { Int64(exactly: $0.rounded(.towardZero)) }.flatMap { $0 == 0 ? nil : $0 }
        let body = TemplateValue.object([
            ("action", .string(options.string("action").nonEmpty ?? section.action)),
            ("method", .string(options.string("method").nonEmpty ?? section.method)), ("data", .list([.map(fields)])),
            ("type", .string(options.string("type").nonEmpty ?? section.type)), ("tid", .int(tid ?? Int64(section.tid))),
        ])
        var headers: [(String, String)] = []
        if !section.username.isEmpty, !section.password.isEmpty {
            headers.append(("Authorization", "Basic " + Data("\(section.username):\(section.password)".utf8).base64EncodedString()))
        }
        try await ServicePost(service: "Zenoss", url: section.url, headers: headers, success: [200], client: services.client)
            .send(body.json + "\n")
    }

    /// A custom field's text: embedded as JSON when it starts like JSON and parses, else the text.
    static func embedded(_ text: String) -> TemplateValue {
        guard text.hasPrefix("{") || text.hasPrefix("["),
            let parsed = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        else { return .string(text) }
        return templateValue(parsed)
    }

    private static func templateValue(_ any: Any) -> TemplateValue {
        switch any {
        case let number as NSNumber:
            if String(cString: number.objCType) == "c" { return .bool(number.boolValue) }
            let double = number.doubleValue
            return double == double.rounded() && abs(double) < 9e15 ? .int(Int64(double)) : .float(double)
        case let text as String: return .string(text)
        case let list as [Any]: return .list(list.map(templateValue))
        case let object as [String: Any]: return .map(object.mapValues(templateValue))
        default: return .null
        }
    }
}

extension ZenossHandler {
    static let kind = HandlerKind(
        "zenoss", property: "zenoss",
        globalSwitch: HandlerKind.globalSwitch { $0.configuration.zenoss },
        test: ServiceTest(
            name: "zenoss",
            defaults: { services in
                let zenoss = services.configuration.zenoss
                return [
                    ("alert_id", .string("1001")), ("level", .string("CRITICAL")), ("message", .string("test zenoss message")),
                    ("action", .string(zenoss.action)), ("method", .string(zenoss.method)), ("type", .string(zenoss.type)),
                    ("tid", .number(Double(zenoss.tid))), ("summary", .string("")), ("device", .string("")), ("component", .string("")),
                    ("eventclasskey", .string("")), ("eventclass", .string("")), ("collector", .string(zenoss.collector)),
                    ("custom_fields", .object([:])),
                ]
            },
            send: { options, services, logger throws(HandlerRefusal) in
                var given = options
                given["message"] = nil
                given["customField"] = options["custom_fields"]
                try await ZenossHandler(options: given, services: services, logger: logger)
                    .send(ServiceTest.event(options, id: options.string("alert_id") ?? ""))
            }),
        unusedProperties: Dictionary(
            uniqueKeysWithValues: ["url", "username", "password"].map {
                ($0, "as in Kapacitor, events go to the [zenoss] section's url with its credentials")
            }),
        make: { options, services, logger throws(HandlerRefusal) in try ZenossHandler(options: options, services: services, logger: logger)
        })
}
