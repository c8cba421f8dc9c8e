import Logging
import SundialConfig
import TimeSeries

/// `.sensu()`: a check result on the Sensu client's socket (`[sensu] addr`), one JSON object per connection, answered
/// `ok`, as Kapacitor's Sensu service sends it: `name` (the alert id, which Sensu restricts to letters, digits, `_`,
/// `.` and `-`), `source` (a template), `output`, `status` (0 OK and info, 1 warning, 2 critical), `handlers`, and the
/// metadata at the top level.
struct SensuHandler: SendingHandler {
    let failureText = "sensu handler: failed to send event to Sensu"
    var section: SensuSection { services.configuration.sensu }
    let source: AlertTemplate?
    let handlers: [String]
    let metadata: [String: HandlerOptions.Value]
    let services: HandlerServices
    let logger: Logger

    init(options: HandlerOptions, services: HandlerServices, logger: Logger) throws(HandlerRefusal) {
        do {
            source = try options.string("source").nonEmpty.map { try AlertTemplate($0) }
        } catch {
            throw HandlerRefusal("failed to parse Sensu source template: \(error)")
        }
        handlers = options.strings("handlers")
        metadata = options.table("metadata")
        self.services = services
        self.logger = logger
    }

    func send(_ event: AlertEvent) async throws(HandlerRefusal) {
        guard Self.isValidName(event.id) else {
            throw HandlerRefusal("invalid name \"\(event.id)\" for sensu alert. Must match ^[\\w\\.-]+$", isPermanent: true)
        }
        let section = section
        guard section.enabled else { throw HandlerRefusal("service is not enabled", isPermanent: true) }
        let renderedSource: String
        do {
            renderedSource = try source?.render(event.templateData) ?? ""
        } catch {
            throw HandlerRefusal("failed to evaluate Sensu source template: \(error)", isPermanent: true)
        }
        let status: Int64 =
            switch event.state.level {
            case .ok, .info: 0
            case .warning: 1
            case .critical: 2
            }
        let handlerList = handlers.isEmpty ? section.handlers : handlers
        var body: [String: TemplateValue] = [
            "name": .string(event.id), "source": .string(renderedSource.isEmpty ? section.source : renderedSource),
            "output": .string(event.state.message), "status": .int(status),
            "handlers": handlerList.isEmpty ? .null : .list(handlerList.map { .string($0) }),
        ]
        for (key, value) in metadata where body[key] == nil { body[key] = value.templateValue }
        let answer: String
        do {
            answer = try await TCPExchange(address: section.address).send(TemplateValue.map(body).json + "\n", readsAnswer: true)
        } catch let refusal as HandlerRefusal {
            throw refusal
        } catch {
            throw HandlerRefusal("\(error)")
        }
        guard answer == "ok" else { throw HandlerRefusal("sensu socket error: \(answer)") }
    }

    /// Kapacitor's `^[\w\.-]+$`.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty
            && name.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_.-".unicodeScalars.contains($0))
            }
    }
}

extension HandlerOptions.Value {
    /// The option as a JSON value in a payload (metadata, attributes).
    var templateValue: TemplateValue {
        switch self {
        case .string(let text): .string(text)
        case .number(let number): number == number.rounded() && abs(number) < 1e15 ? .int(Int64(number)) : .float(number)
        case .bool(let flag): .bool(flag)
        case .duration(let nanoseconds): .duration(nanoseconds)
        case .list(let items): .list(items.map(\.templateValue))
        case .object(let entries): .map(entries.mapValues(\.templateValue))
        }
    }
}

extension SensuHandler {
    static let kind = HandlerKind(
        "sensu", property: "sensu",
        test: ServiceTest(
            name: "sensu",
            defaults: { _ in
                [
                    ("name", .string("testName")), ("source", .string("Kapacitor")), ("output", .string("testOutput")),
                    ("handlers", .list([])), ("metadata", .object([:])), ("level", .string("CRITICAL")),
                ]
            },
            send: { options, services, logger throws(HandlerRefusal) in
                let event = ServiceTest.event(options, message: options.string("output") ?? "", id: options.string("name") ?? "")
                try await SensuHandler(options: options, services: services, logger: logger).send(event)
            }),
        make: { options, services, logger throws(HandlerRefusal) in try SensuHandler(options: options, services: services, logger: logger) }
    )
}
