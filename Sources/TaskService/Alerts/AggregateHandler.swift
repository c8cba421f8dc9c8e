import Alerting
import SundialConfig
import Synchronization
import TimeSeries

/// A topic handler of kind `aggregate` (`{"interval": <ns>, "topic": "t", "message": "…"}`): the events of each
/// interval become one event in `topic`, as Kapacitor aggregates them: the highest level, the latest time, the
/// longest duration, the message template over `.Count` and `.Interval`, the events' messages as its details, and
/// their data together. The loop ends when the handler is replaced or removed.
final class AggregateHandler: AlertHandler, Sendable {
    let id: String
    let interval: Int64
    let target: String
    let message: AlertTemplate
    let topics: TopicRegistry
    /// The interval's events, and whether the interval's loop runs.
    private let state = Mutex<(events: [AlertEvent], started: Bool)>(([], false))

    static let defaultMessage = "Received {{ .Count }} events in the last {{.Interval}}."

    init(id: String, options: HandlerOptions, topics: TopicRegistry) throws(KapacitorError) {
        let nanoseconds: Int64? =
            switch options["interval"] {
            case .number(let number)?: number >= 1e6 && number < 9e18 ? Int64(number) : nil
            case .duration(let value)?: value >= 1_000_000 ? value : nil
            case .string(let text)?: ConfigDuration(parsing: text).flatMap { $0.nanoseconds >= 1_000_000 ? $0.nanoseconds : nil }
            default: nil
            }
        guard let nanoseconds else { throw KapacitorError.badRequest("aggregate handler needs an interval of at least 1ms") }
        guard let target = options.string("topic"), !target.isEmpty else {
            throw KapacitorError.badRequest("aggregate handler needs a topic")
        }
        do {
            message = try AlertTemplate(options.string("message") ?? Self.defaultMessage)
        } catch {
            throw KapacitorError.badRequest("failed to parse aggregate message template: \(error)")
        }
        self.id = options.string("id") ?? id
        interval = nanoseconds
        self.target = target
        self.topics = topics
    }

    /// Events an interval holds at most; more are dropped (one aggregate says how many arrived, up to this).
    static let pendingLimit = 100_000

    func handle(_ event: AlertEvent) async {
        // The interval's loop starts with the first event, so a handler made only to check its options starts none.
        let isFirst = state.withLock { state in
            if state.events.count < Self.pendingLimit { state.events.append(event) }
            defer { state.started = true }
            return !state.started
        }
        guard isFirst else { return }
        Task { [weak self, interval] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .nanoseconds(interval))
                guard let self else { return }
                await self.flush()
            }
        }
    }

    /// Publishes the interval's events as one, if there were any.
    func flush() async {
        let events = state.withLock { state in
            defer { state.events = [] }
            return state.events
        }
        guard !events.isEmpty else { return }
        let data = TemplateValue.object([("Count", .int(Int64(events.count))), ("Interval", .duration(interval))])
        let text = (try? message.render(data)) ?? ""
        let state = EventState(
            level: events.map(\.state.level).max() ?? .ok, message: text, details: events.map(\.state.message).joined(separator: "\n"),
            time: events.map(\.state.time).max() ?? 0, duration: events.map(\.state.duration).max() ?? 0)
        let aggregated = AlertEvent(
            topic: target, id: id, state: state, previousLevel: .ok, recoverable: true, data: events.flatMap(\.data))
        topics.collect(aggregated)
        for handler in topics.handlers(for: target) { await handler.handle(aggregated) }
    }
}
