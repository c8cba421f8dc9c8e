import Alerting

/// A topic handler of kind `publish` (`{"topics": ["t1", "t2"]}`): each event goes on into those topics, whose
/// events, states and handlers then see it as theirs, as Kapacitor publishes. An event reaches each topic at most
/// once, so topics that publish into each other can neither loop nor multiply it.
struct PublishHandler: AlertHandler {
    let targets: [String]
    let topics: TopicRegistry

    /// The topics the event being published has reached.
    @TaskLocal static var visited: Set<String> = []

    func handle(_ event: AlertEvent) async {
        var visited = Self.visited.union([event.topic])
        let fresh = targets.filter { visited.insert($0).inserted }
        for target in fresh {
            var republished = event
            republished.topic = target
            topics.collect(republished)
            await Self.$visited.withValue(visited) {
                for handler in topics.handlers(for: target) { await handler.handle(republished) }
            }
        }
    }
}
