public import Logging

/// Every handler kind, listed once: the alert node's handlers (`.slack()`), topic handlers (`"kind": "slack"`), the
/// outbox and the service tests all make theirs here, from `HandlerOptions` (Kapacitor's option names) and the
/// configured services. What each kind is lives beside its handler (`SlackHandler.kind`).
public enum AlertHandlerCatalog {
    /// Kapacitor's handler kinds (SPEC-kapacitor.md §3.3).
    static let all: [HandlerKind] = [
        LogHandler.kind, ExecHandler.kind, PostHandler.kind, TCPHandler.kind, EmailHandler.kind, SlackHandler.kind, TeamsHandler.kind,
        DiscordHandler.kind, TelegramHandler.kind, PagerDutyHandler.kind, PagerDuty2Handler.kind, OpsGenieHandler.kind,
        OpsGenie2Handler.kind, VictorOpsHandler.kind, PushoverHandler.kind, AlertaHandler.kind, SensuHandler.kind,
        BigPandaHandler.kind, ServiceNowHandler.kind, ZenossHandler.kind, TalkHandler.kind, MQTTHandler.kind, SNMPTrapHandler.kind,
        // No Kafka broker can run on the machines Sundial is tested on, and HipChat is gone: both log each event as not
        // sent, as Kapacitor does for a service that is not enabled.
        HandlerKind("kafka", property: "kafka", maker: .notSent), HandlerKind("hipchat", property: "hipChat", maker: .notSent),
        HandlerKind("publish", property: nil, maker: .topicOnly), HandlerKind("aggregate", property: nil, maker: .topicOnly),
    ]

    private static let byName = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
    private static let byProperty = Dictionary(uniqueKeysWithValues: all.compactMap { kind in kind.property.map { ($0, kind) } })

    /// Kapacitor's handler kinds, by their topic-handler names.
    public static let kinds = Set(all.map(\.name))

    /// The kind of a TICKscript handler (`pagerDuty2` → `pagerduty2`, `email` → `smtp`).
    public static func kind(ofProperty name: String) -> String {
        byProperty[name]?.name ?? name.lowercased()
    }

    /// The TICKscript properties of a kind that are taken but not used, with why.
    public static func unusedProperties(_ kind: String) -> [String: String] { byName[kind]?.unusedProperties ?? [:] }

    /// The option names a kind's TICKscript arguments give.
    public static func argumentNames(_ kind: String) -> [String] { byName[kind]?.arguments ?? [] }

    /// The kinds whose service is configured `global` (every alert node gets their handler), and whether each also
    /// makes the node send state changes only.
    public static func globalKinds(_ services: HandlerServices) -> [(kind: String, stateChangesOnly: Bool)] {
        all.compactMap { kind in kind.globalSwitch(services).map { (kind.name, $0) } }
    }

    /// The services with a test (Kapacitor's service-test names), sorted.
    static let tests: [ServiceTest] = all.compactMap(\.test).sorted { $0.name < $1.name }

    /// The handler `options` ask for; `owner` names it in logs and in the outbox (`task cpu alert4`, `topic cpu
    /// handler h1`). A handler that sends to a service goes through the services' outbox (durable, retried) unless
    /// its `send-once` option asks for Kapacitor's single attempt.
    public static func make(kind: String, options: HandlerOptions, services: HandlerServices, owner: String, logger: Logger)
        throws(HandlerRefusal) -> any AlertHandler
    {
        var logger = logger
        logger[metadataKey: "handler"] = .string(owner)
        switch byName[kind]?.maker {
        case .local(let make)?: return try make(options, services, logger)
        case .sending(let make)?:
            let route = DeliveryRoute(owner: owner, kind: kind, options: options)
            let handler = try make(options, services, logger)
            guard let outbox = services.outbox, !options.bool("send-once") else { return handler }
            return OutboxHandler(route: route, handler: handler, outbox: outbox)
        case .topicOnly?: throw HandlerRefusal("the \(kind) handler is made by its topic")
        case .notSent?, nil: return NotSentHandler(kind: kind, owner: owner, logger: logger)
        }
    }

    /// The handler of a kind that sends to a service; nil for a kind Sundial does not send through.
    static func sendingHandler(_ route: DeliveryRoute, services: HandlerServices, logger: Logger) throws(HandlerRefusal)
        -> (any SendingHandler)?
    {
        guard case .sending(let make)? = byName[route.kind]?.maker else { return nil }
        return try make(route.options, services, logger)
    }
}
