import TimeSeries

/// Kapacitor's service tests (`/kapacitor/v1/service-tests`): each sending service's default test options, and a test
/// that sends one message through the service as configured now, answering with the service's own failure reason.
/// Each kind's test lives beside its handler (`HandlerKind.test`).
public enum ServiceTests {
    /// The services with a test, by name, in Kapacitor's order (sorted).
    public static let names = AlertHandlerCatalog.tests.map(\.name)

    private static let byName = Dictionary(uniqueKeysWithValues: AlertHandlerCatalog.tests.map { ($0.name, $0) })

    /// The options a test takes when none are given, as Kapacitor lists them.
    public static func defaultOptions(_ name: String, services: HandlerServices) -> [(String, HandlerOptions.Value)]? {
        byName[name]?.defaults(services)
    }

    /// Sends one test message through `name` with `given` over the default options; the reason when it fails.
    public static func run(_ name: String, given: HandlerOptions, services: HandlerServices) async -> (success: Bool, message: String) {
        guard let test = byName[name] else { return (false, "service \"\(name)\" not found") }
        var options = HandlerOptions(Dictionary(test.defaults(services), uniquingKeysWith: { first, _ in first }))
        for (key, value) in given.values { options[key] = value }
        let merged = options
        let refusal = await Deadline.run(.seconds(30)) { () throws(HandlerRefusal) in
            try await test.send(merged, services, services.logger)
        }
        return refusal.map { (false, $0.description) } ?? (true, "")
    }
}

extension ServiceTest {
    /// The event a test sends: its message and level from the test's options unless given.
    static func event(_ options: HandlerOptions, message: String? = nil, level: AlertLevel? = nil, id: String = "") -> AlertEvent {
        let level = level ?? AlertLevel(name: options.string("level") ?? "") ?? .critical
        let state = EventState(level: level, message: message ?? options.string("message") ?? "", details: "", time: 0, duration: 0)
        return AlertEvent(topic: "", id: id, state: state, previousLevel: .ok, recoverable: false, data: [])
    }
}
