import Alerting
import PipelineSpec
import TimeSeries

/// `|alert()`: computes each group's level from the `.info/.warn/.crit` lambdas (with resets), keeps the group's
/// alert state, and when an event fires stores it in the node's topics, hands it to the script's handlers and
/// forwards the data, augmented with the level, id, message and duration where the script asks
/// (SPEC-kapacitor.md §3).
final class AlertNode: RuntimeNode {
    private struct Group {
        var state: AlertGroupState
        /// One per lambda of `levels` then of `resets`.
        var lambdaStates: [LambdaState]
        /// The group's `.inhibit()`s, raised while it is not OK.
        var inhibitors: [InhibitorRegistry.Inhibitor]
    }

    private let settings: AlertSettings
    private let context: TaskContext
    private let handlers: [any AlertHandler]
    /// The node's handlers' owner in the alert outbox, whose dead letters the node's stats count.
    private let owner: String
    private var groups: [GroupKey: Group] = [:]
    private var counts: [AlertLevel: Int64] = [:]
    private var inhibited: Int64 = 0

    init(_ spec: PipelineNode, context: TaskContext) throws(TaskStartError) {
        var settings = try AlertSettings(spec, taskName: context.taskName)
        self.context = context
        var handlers: [any AlertHandler] = []
        for call in spec.handlers where call.name != "topic" { handlers.append(try context.handlerFactory.make(call, node: spec.name)) }
        // A service configured `global` sends every alert node's events unless the node names it itself; with
        // `state-changes-only` it makes the whole node send state changes only, as Kapacitor does.
        let named = Set(spec.handlers.map { AlertHandlerCatalog.kind(ofProperty: $0.name) })
        for global in AlertHandlerCatalog.globalKinds(context.handlerFactory.services) where !named.contains(global.kind) {
            handlers.append(try context.handlerFactory.make(kind: global.kind, node: spec.name))
            if global.stateChangesOnly { settings.policy.stateChangesOnly = true }
        }
        self.settings = settings
        self.handlers = handlers
        owner = context.handlerFactory.owner(node: spec.name)
    }

    var cardinality: Int { groups.count }

    var extraStats: [(String, Int64)] {
        let total = counts.values.reduce(0, +)
        return [
            ("alerts_inhibited", inhibited), ("alerts_triggered", total), ("crits_triggered", counts[.critical] ?? 0),
            // Sundial's: events its handlers gave up delivering (the alert outbox's dead letters) since start.
            ("dead_letters", context.handlerFactory.services.outbox?.deadLetterCount(owner: owner) ?? 0),
            ("infos_triggered", counts[.info] ?? 0), ("oks_triggered", counts[.ok] ?? 0), ("warns_triggered", counts[.warning] ?? 0),
        ]
    }

    func process(_ message: RuntimeMessage, emit: (RuntimeMessage) -> Void) throws(NodeError) {
        switch message {
        case .point(let point):
            var group = try takeGroup(point.group, name: point.name, tags: point.tags)
            let scope = LambdaScope(fields: point.fields, tags: point.tags, time: point.time)
            let level = settings.determineLevel(
                scope, current: group.state.currentLevel, states: &group.lambdaStates, logger: context.logger)
            let outcome = group.state.record(level, at: point.time, policy: settings.policy)
            for inhibitor in group.inhibitors { inhibitor.set(level != .ok) }
            groups[point.group] = group
            guard outcome.fires, !isInhibited(point.tags) else { return }
            // Rendered only for an event (and a new group): a point that changes nothing allocates nothing.
            let idData = settings.idData(name: point.name, group: point.group, tags: point.tags)
            let id = try settings.render(settings.id, idData)
            let state = try settings.eventState(
                level: level, id: id, idData: idData, fields: point.fields, time: point.time, duration: outcome.duration)
            publish(id: id, state: state, previous: outcome.previousLevel, data: SeriesRows.series(point), group: point.group)
            emit(.point(settings.augment(point, id: id, state: state)))
        case .batch(let batch):
            try processBatch(batch, emit: emit)
        }
    }

    private func processBatch(_ batch: PointBatch, emit: (RuntimeMessage) -> Void) throws(NodeError) {
        guard !batch.points.isEmpty else { return }
        var group = try takeGroup(batch.group, name: batch.name, tags: batch.tags)
        var chosen: (level: AlertLevel, index: Int)? = nil
        for (index, point) in batch.points.enumerated() {
            let scope = LambdaScope(fields: point.fields, tags: point.tags.merging(batch.tags) { own, _ in own }, time: point.time)
            let level = settings.determineLevel(
                scope, current: group.state.currentLevel, states: &group.lambdaStates, logger: context.logger)
            if let current = chosen {
                if settings.all ? level < current.level : level > current.level { chosen = (level, index) }
            } else {
                chosen = (level, index)
            }
        }
        let (level, index) = chosen!
        let time = settings.all || level == .ok ? batch.time : batch.points[index].time
        let outcome = group.state.record(level, at: time, policy: settings.policy)
        for inhibitor in group.inhibitors { inhibitor.set(level != .ok) }
        groups[batch.group] = group
        guard outcome.fires, !isInhibited(batch.tags) else { return }
        let idData = settings.idData(name: batch.name, group: batch.group, tags: batch.tags)
        let id = try settings.render(settings.id, idData)
        let state = try settings.eventState(
            level: level, id: id, idData: idData, fields: batch.points[index].fields, time: time, duration: outcome.duration)
        publish(id: id, state: state, previous: outcome.previousLevel, data: SeriesRows.series(batch), group: batch.group)
        emit(.batch(settings.augment(batch, id: id, state: state)))
    }

    /// The group's state, taken out of `groups` while it is updated; a new group's is seeded from the topic's
    /// stored state of the event id its first data makes.
    private func takeGroup(_ key: GroupKey, name: String, tags: [String: String]) throws(NodeError) -> Group {
        if let group = groups.removeValue(forKey: key) { return group }
        return try newGroup(name: name, key: key, tags: tags)
    }

    private func newGroup(name: String, key: GroupKey, tags: [String: String]) throws(NodeError) -> Group {
        let id = try settings.render(settings.id, settings.idData(name: name, group: key, tags: tags))
        let seed = context.topics.state(topic: settings.anonymousTopic, eventID: id)
        let inhibitors = settings.inhibits.map { inhibit in
            context.topics.inhibitors.add(category: inhibit.category, tags: tags.filter { inhibit.tags.contains($0.key) })
        }
        return Group(
            state: AlertGroupState(historySize: settings.historySize, seed: seed), lambdaStates: settings.makeLambdaStates(),
            inhibitors: inhibitors)
    }

    /// Whether an event of this node's category with `tags` is held back by an `.inhibit()` (counted, not sent).
    private func isInhibited(_ tags: [String: String]) -> Bool {
        guard context.topics.inhibitors.isInhibited(category: settings.category, tags: tags) else { return false }
        inhibited += 1
        return true
    }

    func stop() {
        context.topics.inhibitors.remove(groups.values.flatMap(\.inhibitors))
    }

    private func publish(id: String, state: EventState, previous: AlertLevel, data: ResultSeries, group: GroupKey) {
        counts[state.level, default: 0] += 1
        for topic in settings.topics {
            let event = AlertEvent(
                topic: topic, id: id, state: state, previousLevel: previous, recoverable: !settings.policy.noRecoveries, data: [data],
                taskName: context.taskName, group: group.templateText)
            context.topics.collect(event)
            let receivers = (topic == settings.anonymousTopic ? handlers : []) + context.topics.handlers(for: topic)
            if !receivers.isEmpty { context.effects.enqueue(.alert(event, receivers)) }
        }
    }
}
