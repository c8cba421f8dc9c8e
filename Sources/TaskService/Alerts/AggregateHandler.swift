import Alerting
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
    private let pending = Mutex<[AlertEvent]>([])

    static let defaultMessage = "Received {{ .Count }} events in the last {{.Interval}}."

    init(id: String, options: HandlerOptions, topics: TopicRegistry) throws(KapacitorError) {
        let nanoseconds: Int64? =
            switch options["interval"] {
            case .number(let number)?: number >= 1e6 && number < 9e18 ? Int64(number) : nil
            case .duration(let value)?: value >= 1_000_000 ? value : nil
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
        Task { [weak self, interval] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .nanoseconds(interval))
                guard let self else { return }
                await self.flush()
            }
        }
    }

    func handle(_ event: AlertEvent) async {
        pending.withLock { $0.append(event) }
    }

    /// Publishes the interval's events as one, if there were any.
    func flush() async {
        let events = pending.withLock { events in
            defer { events = [] }
            return events
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
