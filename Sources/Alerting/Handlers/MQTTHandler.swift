import Logging
import SundialConfig

/// `.mqtt(topic)`: the alert's message, as raw bytes, published to a `[[mqtt]]` broker (the named one, else the
/// default) on the topic (a template), with the handler's QoS and retained flag, as Kapacitor's MQTT service does.
struct MQTTHandler: SendingHandler {
    let failureText = "mqtt handler: failed to post message to MQTT broker"
    let brokerName: String
    let topic: AlertTemplate
    let qos: UInt8
    let retained: Bool
    let services: HandlerServices
    let logger: Logger

    init(options: HandlerOptions, services: HandlerServices, logger: Logger) throws(HandlerRefusal) {
        brokerName = options.string("broker-name") ?? ""
        do {
            topic = try AlertTemplate(options.string("topic") ?? "")
        } catch {
            throw HandlerRefusal("failed to parse MQTT topic template: \(error)")
        }
        qos = try Self.qos(options["qos"])
        retained = options.bool("retained")
        self.services = services
        self.logger = logger
    }

    /// Kapacitor's QoS: 0, 1 or 2, or its words `at-most-once`, `at-least-once` and `exactly-one` (sic, and `exactly-once`).
    static func qos(_ value: HandlerOptions.Value?) throws(HandlerRefusal) -> UInt8 {
        switch value {
        case nil: return 0
        case .number(let number)? where [0, 1, 2].contains(number): return UInt8(number)
        case .string("at-most-once")?: return 0
        case .string("at-least-once")?: return 1
        case .string("exactly-one")?, .string("exactly-once")?: return 2
        default: throw HandlerRefusal("invalid QoS", isPermanent: true)
        }
    }

    func send(_ event: AlertEvent) async throws(HandlerRefusal) {
        let rendered: String
        do {
            rendered = try topic.render(event.templateData)
        } catch {
            throw HandlerRefusal("failed to create MQTT topic from template: \(error)", isPermanent: true)
        }
        try await publish(topic: rendered, message: event.state.message)
    }

    func publish(topic: String, message: String) async throws(HandlerRefusal) {
        guard !topic.isEmpty else { throw HandlerRefusal("missing MQTT topic", isPermanent: true) }
        let brokers = services.configuration.mqtt
        let chosen =
            brokerName.isEmpty
            ? (brokers.count == 1 ? brokers.first : brokers.first(where: \.isDefault)) : brokers.first { $0.name == brokerName }
        guard let broker = chosen, broker.enabled else {
            throw HandlerRefusal("unknown MQTT broker \"\(brokerName.isEmpty ? chosen?.name ?? "" : brokerName)\"", isPermanent: true)
        }
        let (host, port) = try MQTTClient.address(broker.url)
        let client = MQTTClient(
            host: host, port: port, clientID: broker.clientID.isEmpty ? broker.name : broker.clientID, username: broker.username,
            password: broker.password)
        do {
            try await client.publish(topic: topic, message: Array(message.utf8), qos: qos, retained: retained)
        } catch let refusal as HandlerRefusal {
            throw refusal
        } catch {
            throw HandlerRefusal("\(error)")
        }
    }
}

extension MQTTHandler {
    static let kind = HandlerKind(
        "mqtt", property: "mqtt", arguments: ["topic"],
        test: ServiceTest(
            name: "mqtt",
            defaults: { services in
                let brokers = services.configuration.mqtt
                let name = HandlerServices.defaultWorkspace(brokers, isDefault: \.isDefault)?.name ?? ""
                return [
                    ("broker-name", .string(name)), ("topic", .string("")), ("message", .string("test MQTT message")),
                    ("qos", .string("at-most-once")), ("retained", .bool(false)),
                ]
            },
            send: { options, services, logger throws(HandlerRefusal) in
                var given = options
                given["topic"] = nil
                try await MQTTHandler(options: given, services: services, logger: logger)
                    .publish(topic: options.string("topic") ?? "", message: options.string("message") ?? "")
            }),
        make: { options, services, logger throws(HandlerRefusal) in try MQTTHandler(options: options, services: services, logger: logger) })
}
