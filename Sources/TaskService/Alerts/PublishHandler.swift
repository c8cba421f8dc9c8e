import Alerting

/// A topic handler of kind `publish` (`{"topics": ["t1", "t2"]}`): each event goes on into those topics, whose
/// events, states and handlers then see it as theirs, as Kapacitor publishes. A chain of publishes stops after a few
/// hops, so topics that publish into each other cannot loop.
struct PublishHandler: AlertHandler {
    let targets: [String]
    let topics: TopicRegistry

    @TaskLocal static var hops = 0
    static let maximumHops = 8

    func handle(_ event: AlertEvent) async {
        guard Self.hops < Self.maximumHops else { return }
        for target in targets where target != event.topic {
            var republished = event
            republished.topic = target
            topics.collect(republished)
            await Self.$hops.withValue(Self.hops + 1) {
                for handler in topics.handlers(for: target) { await handler.handle(republished) }
            }
        }
    }
}
