import PipelineSpec
import TimeSeries

/// How many messages a node has emitted per group: what a `|stats()` watching it reports. The graph counts them;
/// only under the task's lock.
final class GroupEmissions {
    private(set) var order: [GroupKey] = []
    private(set) var counts: [GroupKey: (tags: [String: String], emitted: Int64)] = [:]

    func count(_ message: RuntimeMessage) {
        let group = message.group
        if let current = counts[group] {
            counts[group] = (current.tags, current.emitted + 1)
            return
        }
        let tags: [String: String] =
            switch message {
            case .point(let point): group.groupTags(of: point.tags)
            case .batch(let batch): batch.tags
            }
        order.append(group)
        counts[group] = (tags, 1)
    }
}

/// `|stats(interval)`: every interval of wall-clock time (on multiples of it with `.align()`), one `stats` point
/// per group of the watched node with its `emitted` count so far — what `|deadman()` is built from.
final class StatsNode: RuntimeNode {
    private let interval: Int64
    private let align: Bool
    private let emissions: GroupEmissions
    private var nextEmit: Int64?

    init(_ spec: PipelineNode, emissions: GroupEmissions) throws(TaskStartError) {
        guard case .duration(let interval)? = spec.arguments.first, interval > 0 else {
            throw TaskStartError("\(spec.name): stats needs a positive interval")
        }
        self.interval = interval
        align = spec.isSet("align")
        self.emissions = emissions
    }

    func process(_ message: RuntimeMessage, emit: (RuntimeMessage) -> Void) throws(NodeError) {}

    func tick(now: Int64, emit: (RuntimeMessage) -> Void) {
        guard let next = nextEmit else {
            nextEmit = (align ? now.flooredSaturated(toMultipleOf: interval) : now).addingSaturated(interval)
            return
        }
        guard now >= next else { return }
        let missed = now.subtractingSaturated(next) / interval + 1
        nextEmit = next.addingSaturated(interval.multipliedSaturated(by: max(1, missed)))
        let time = align ? now.roundedSaturated(toMultipleOf: interval) : now
        for group in emissions.order {
            guard let entry = emissions.counts[group] else { continue }
            var point = StreamPoint(
                name: "stats", database: "", retentionPolicy: "", tags: entry.tags, fields: ["emitted": .integer(entry.emitted)], time: time
            )
            point.group = group
            emit(.point(point))
        }
    }
}
