import Foundation
import Logging
import SundialConfig
import TimeSeries

/// `.alerta()`: an alert to `<url>/alert` as Kapacitor's Alerta service posts it. `resource` (`{{ .Name }}` unless
/// set), `event` (`{{ .ID }}`), `environment`, `group` (`{{ .Group }}`), `value`, each service, each correlated name
/// and each text attribute are templates; with no services or correlations the measurement's name is both; the
/// severity is Alerta's word for the level; `timeout` goes in whole seconds (24 h unless set). Alerta answers 201.
struct AlertaHandler: SendingHandler {
    let failureText = "alerta handler: failed to send event to Alerta"
    var section: AlertaSection { services.configuration.alerta }
    let options: HandlerOptions
    let templates: [String: AlertTemplate]
    let serviceTemplates: [AlertTemplate]
    let correlateTemplates: [AlertTemplate]
    let attributes: [String: HandlerOptions.Value]
    let services: HandlerServices
    let logger: Logger

    static let defaults = ["resource": "{{ .Name }}", "event": "{{ .ID }}", "group": "{{ .Group }}"]

    init(options: HandlerOptions, services: HandlerServices, logger: Logger) throws(HandlerRefusal) {
        do {
            var templates: [String: AlertTemplate] = [:]
            for key in ["resource", "event", "environment", "group", "value"] {
                if let text = options.string(key).nonEmpty ?? Self.defaults[key] { templates[key] = try AlertTemplate(text) }
            }
            self.templates = templates
            // Kapacitor's TICKscript says `.services()` and `.correlated()`; its topic options `service` and `correlate`.
            serviceTemplates = try (options.strings("service") + options.strings("services")).map { try AlertTemplate($0) }
            correlateTemplates = try (options.strings("correlate") + options.strings("correlated")).map { try AlertTemplate($0) }
        } catch {
            throw HandlerRefusal("failed to parse Alerta template: \(error)")
        }
        // Topic options say `attributes`, TICKscript `.attribute('k', v)`.
        attributes = options.table("attributes").merging(options.table("attribute")) { _, own in own }
        self.options = options
        self.services = services
        self.logger = logger
    }

    func send(_ event: AlertEvent) async throws(HandlerRefusal) {
        let data = event.templateData
        func render(_ template: AlertTemplate?) throws(HandlerRefusal) -> String {
            do {
                return try template?.render(data) ?? ""
            } catch {
                throw HandlerRefusal("failed to evaluate Alerta template: \(error)", isPermanent: true)
            }
        }
        let resource = try render(templates["resource"])
        let eventName = try render(templates["event"])
        guard !resource.isEmpty, !eventName.isEmpty else {
            throw HandlerRefusal("Resource and Event are required to send an alert", isPermanent: true)
        }
        let section = section
        guard section.enabled else { throw HandlerRefusal("service is not enabled", isPermanent: true) }
        let name = event.data.first?.name ?? ""
        var serviceNames: [String] = []
        for template in serviceTemplates { serviceNames.append(try render(template)) }
        var correlated: [String] = []
        for template in correlateTemplates { correlated.append(try render(template)) }
        var renderedAttributes: [String: TemplateValue] = [:]
        for (key, value) in attributes {
            guard case .string(let text) = value else {
                renderedAttributes[key] = value.templateValue
                continue
            }
            do {
                renderedAttributes[key] = .string(try AlertTemplate(text).render(data))
            } catch {
                throw HandlerRefusal("failed to evaluate Alerta template: \(error)", isPermanent: true)
            }
        }
        let environment = try render(templates["environment"])
        let timeout = Self.timeoutSeconds(options)
        var body: [String: TemplateValue] = [
            "resource": .string(resource), "event": .string(eventName),
            "environment": .string(environment.isEmpty ? section.environment : environment),
            "severity": .string(Self.severity(event.state.level)), "group": .string(try render(templates["group"])),
            "value": .string(try render(templates["value"])), "text": .string(event.state.message),
            "origin": .string(options.string("origin").nonEmpty ?? section.origin),
            "rawData": .object([("series", event.data.isEmpty ? .null : .list(event.data.map(\.templateValue)))]),
            "service": .list((serviceNames.isEmpty ? [name] : serviceNames).map { .string($0) }),
            "correlate": .list((correlated.isEmpty ? [name] : correlated).map { .string($0) }),
            "timeout": .int(timeout),
            "tags": .list((event.data.first?.tags ?? [:]).sorted { $0.key < $1.key }.map { .string("\($0.key)=\($0.value)") }),
        ]
        if !renderedAttributes.isEmpty { body["attributes"] = .map(renderedAttributes) }
        let token = options.string("token").nonEmpty ?? section.token
        let prefix = options.string("token-prefix").nonEmpty ?? section.tokenPrefix.nonEmpty ?? "Bearer"
        var post = ServicePost(
            service: "Alerta", url: section.url.withoutTrailingSlash + "/alert", headers: [("Authorization", "\(prefix) \(token)")],
            success: [201], client: services.client)
        post.describe = { $0["message"] as? String }
        try await post.send(TemplateValue.map(body).json + "\n")
    }

    /// Alerta's words for the levels.
    static func severity(_ level: AlertLevel) -> String {
        switch level {
        case .ok: "ok"
        case .info: "informational"
        case .warning: "warning"
        case .critical: "critical"
        }
    }

    /// The alert's timeout in whole seconds: a TICKscript duration, a topic option's nanoseconds, else 24 hours.
    static func timeoutSeconds(_ options: HandlerOptions) -> Int64 {
        switch options["timeout"] {
        case .duration(let nanoseconds)? where nanoseconds > 0: return nanoseconds / 1_000_000_000
        case .number(let nanoseconds)? where nanoseconds > 0 && nanoseconds < 9.2e18: return Int64(nanoseconds) / 1_000_000_000
        default: return 86_400
        }
    }
}

extension AlertaHandler {
    static let kind = HandlerKind(
        "alerta", property: "alerta",
        test: ServiceTest(
            name: "alerta",
            defaults: { services in
                let alerta = services.configuration.alerta
                return [
                    ("resource", .string("testResource")), ("event", .string("testEvent")), ("environment", .string(alerta.environment)),
                    ("severity", .string("critical")), ("group", .string("testGroup")), ("value", .string("testValue")),
                    ("message", .string("test alerta message")), ("origin", .string(alerta.origin)),
                    ("service", .list([.string("testServiceA"), .string("testServiceB")])),
                    ("correlate", .list([.string("testServiceX"), .string("testServiceY")])),
                    (
                        "attributes",
                        .object(["testAttributeA": .string("A"), "testAttributeB": .bool(true), "testAttributeC": .number(9001)])
                    ),
                    ("timeout", .string("24h0m0s")),
                ]
            },
            send: { options, services, logger throws(HandlerRefusal) in
                var given = options
                given["timeout"] = options.string("timeout").flatMap { ConfigDuration(parsing: $0) }.map { .duration($0.nanoseconds) }
                let level = AlertLevel(name: options.string("severity") ?? "") ?? .critical
                try await AlertaHandler(options: given, services: services, logger: logger).send(ServiceTest.event(options, level: level))
            }),
        make: { options, services, logger throws(HandlerRefusal) in try AlertaHandler(options: options, services: services, logger: logger)
        })
}
