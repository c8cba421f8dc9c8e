import Logging
import SundialConfig

/// Everything Sundial knows about one kind of alert handler, declared once beside the handler itself
/// (`SlackHandler.kind`): its topic-handler kind and TICKscript property, the option names its arguments give, how it
/// is made, whether its service can be `global`, and its service test. The alert node, topic handlers, the outbox and
/// the service-test API all go through `AlertHandlerCatalog`, which lists the kinds once.
public struct HandlerKind: Sendable {
    /// Kapacitor's topic-handler kind (`pagerduty2`, `smtp`).
    public let name: String
    /// The alert node's chaining method (`pagerDuty2`, `email`); nil for a kind only topics have (`publish`).
    public let property: String?
    /// The option names a TICKscript handler's arguments give (`.exec('/bin/x', 'a')` → `prog`, `args…`); a name
    /// ending in `…` takes the rest.
    let arguments: [String]
    let maker: Maker
    /// When the service is configured `global` and enabled: whether it also makes every alert node send state
    /// changes only. Nil otherwise, or for a kind that has no such switch.
    let globalSwitch: @Sendable (HandlerServices) -> Bool?
    /// Kapacitor's service test for the kind's service, if it has one.
    let test: ServiceTest?
    /// TICKscript properties the language takes but the handler does not use (as in Kapacitor), with why: a task
    /// that sets one is told so when it starts.
    public let unusedProperties: [String: String]

    typealias Make<Handler> = @Sendable (HandlerOptions, HandlerServices, Logger) throws(HandlerRefusal) -> Handler

    enum Maker: Sendable {
        /// Sends to a service: through the outbox unless `send-once`.
        case sending(Make<any SendingHandler>)
        /// Acts here (a file, a program): never through the outbox.
        case local(Make<any AlertHandler>)
        /// Kapacitor sends through it, Sundial does not yet: each event is logged as not sent.
        case notSent
        /// Made by the tasks service with the topic registry (`publish`, `aggregate`).
        case topicOnly
    }

    init(
        _ name: String, property: String?, arguments: [String] = [], maker: Maker,
        globalSwitch: @escaping @Sendable (HandlerServices) -> Bool? = { _ in nil }, test: ServiceTest? = nil,
        unusedProperties: [String: String] = [:]
    ) {
        self.unusedProperties = unusedProperties
        self.name = name
        self.property = property
        self.arguments = arguments
        self.maker = maker
        self.globalSwitch = globalSwitch
        self.test = test
    }

    /// A kind that sends to a service.
    init(
        _ name: String, property: String, arguments: [String] = [],
        globalSwitch: @escaping @Sendable (HandlerServices) -> Bool? = { _ in nil },
        test: ServiceTest?, unusedProperties: [String: String] = [:], make: @escaping Make<any SendingHandler>
    ) {
        self.init(
            name, property: property, arguments: arguments, maker: .sending(make), globalSwitch: globalSwitch, test: test,
            unusedProperties: unusedProperties)
    }

    /// The `global` switch of the service whose section `section` gives (nil: none configured).
    static func globalSwitch(_ section: @escaping @Sendable (HandlerServices) -> (any GlobalServiceSection)?)
        -> @Sendable (HandlerServices) -> Bool?
    {
        { services in
            guard let section = section(services), section.enabled, section.global else { return nil }
            return section.makesStateChangesOnly
        }
    }
}

/// Kapacitor's test of one service (`POST /kapacitor/v1/service-tests/<name>`): the options it takes when none are
/// given, and one message sent through the service as configured now.
struct ServiceTest: Sendable {
    /// Kapacitor's name for the test (`httppost` for the `post` kind).
    let name: String
    let defaults: @Sendable (HandlerServices) -> [(String, HandlerOptions.Value)]
    let send: @Sendable (HandlerOptions, HandlerServices, Logger) async throws(HandlerRefusal) -> Void
}
