import Alerting
import Foundation
import Logging
import PipelineSpec
import TimeSeries

/// An alert node's script, compiled: level lambdas, templates, state policy and what it adds to the data.
struct AlertSettings {
    /// Critical, warning, info: Kapacitor tests levels from the highest.
    let levels: [(AlertLevel, CompiledLambda)]
    let resets: [(AlertLevel, CompiledLambda)]
    let id: AlertTemplate
    let message: AlertTemplate
    let details: AlertTemplate
    var policy: AlertGroupState.Policy
    let historySize: Int
    let all: Bool
    let taskName: String
    let anonymousTopic: String
    /// The anonymous topic, then `.topic(name)` if set.
    let topics: [String]
    let levelTag, idTag, levelField, idField, messageField, durationField: String

    init(_ spec: PipelineNode, taskName: String) throws(TaskStartError) {
        var levels: [(AlertLevel, CompiledLambda)] = []
        var resets: [(AlertLevel, CompiledLambda)] = []
        for (level, name) in [(AlertLevel.critical, "crit"), (.warning, "warn"), (.info, "info")] {
            if let lambda = try spec.lambdas(name).last { levels.append((level, lambda)) }
            if let reset = try spec.lambdas(name + "Reset").last { resets.append((level, reset)) }
        }
        self.levels = levels
        self.resets = resets
        func template(_ name: String, html: Bool = false) throws(TaskStartError) -> AlertTemplate {
            do {
                return try AlertTemplate(spec.string(name), escapesHTML: html)
            } catch {
                throw TaskStartError("\(spec.name): invalid \(name) template: \(error)")
            }
        }
        id = try template("id")
        message = try template("message")
        details = try template("details", html: true)
        var policy = AlertGroupState.Policy()
        if let changes = spec.property("stateChangesOnly") {
            policy.stateChangesOnly = true
            if case .duration(let interval)? = changes.first { policy.stateChangesInterval = interval }
        }
        if let flapping = spec.property("flapping"), case .float(let low)? = flapping.first, case .float(let high)? = flapping.last {
            policy.flapping = (low, high)
        }
        policy.noRecoveries = spec.isSet("noRecoveries")
        self.policy = policy
        historySize = Int(spec.int("history") ?? 21)
        all = spec.isSet("all")
        self.taskName = taskName
        anonymousTopic = "main:\(taskName):\(spec.name)"
        let named = spec.string("topic")
        topics = named.isEmpty ? [anonymousTopic] : [anonymousTopic, named]
        (levelTag, idTag, levelField) = (spec.string("levelTag"), spec.string("idTag"), spec.string("levelField"))
        (idField, messageField, durationField) = (spec.string("idField"), spec.string("messageField"), spec.string("durationField"))
        category = spec.string("category")
        inhibits = spec.properties.filter { $0.name == "inhibit" }.compactMap { call in
            guard case .string(let category)? = call.arguments.first else { return nil }
            return (category, call.arguments.dropFirst().compactMap { if case .string(let tag) = $0 { tag } else { nil } })
        }
    }

    /// `.category()`: what `.inhibit()`s elsewhere name to hold this node's events back.
    let category: String
    /// `.inhibit(category, tags…)`: while a group is not OK, events of `category` with its values of `tags` are held back.
    let inhibits: [(category: String, tags: [String])]

    func makeLambdaStates() -> [LambdaState] { (levels + resets).map { $0.1 }.map { $0.makeState() } }

    /// Kapacitor's order (alert.go `determineLevel`): levels at or above the current one from the highest; then,
    /// if the current level's reset lambda is false, stay; then the current level and below; else OK. A lambda that
    /// fails is logged and counts as not matching.
    func determineLevel(_ scope: LambdaScope, current: AlertLevel, states: inout [LambdaState], logger: Logger) -> AlertLevel {
        func matches(_ index: Int) -> Bool {
            do {
                return try levels[index].1.test(scope, state: &states[index])
            } catch {
                logger.error("alert: error evaluating \(levels[index].0) expression: \(error)")
                return false
            }
        }
        for index in levels.indices where levels[index].0 >= current && levels[index].0 > .ok {
            if matches(index) { return levels[index].0 }
        }
        if current != .ok, let index = resets.firstIndex(where: { $0.0 == current }) {
            let passed = (try? resets[index].1.test(scope, state: &states[levels.count + index])) ?? false
            if !passed { return current }
        }
        for index in levels.indices where levels[index].0 <= current && levels[index].0 > .ok {
            if matches(index) { return levels[index].0 }
        }
        return .ok
    }

    func idData(name: String, group: GroupKey, tags: [String: String]) -> [(String, TemplateValue)] {
        [
            ("Name", .string(name)), ("TaskName", .string(taskName)), ("Group", .string(group.templateText)),
            ("Tags", .map(tags.mapValues { .string($0) })),
            ("ServerInfo", .object([("Hostname", .string(ServerInfo.hostname)), ("ClusterID", .string("")), ("ServerID", .string(""))])),
        ]
    }

    func render(_ template: AlertTemplate, _ data: [(String, TemplateValue)]) throws(NodeError) -> String {
        do {
            return try template.render(.object(data))
        } catch {
            throw NodeError("alert template: \(error)")
        }
    }

    func eventState(
        level: AlertLevel, id: String, idData: [(String, TemplateValue)], fields: [String: FieldValue], time: Int64, duration: Int64
    ) throws(NodeError) -> EventState {
        var data = idData
        data += [
            ("ID", .string(id)), ("Fields", .map(fields.mapValues(TemplateValue.init))), ("Level", .string(level.description)),
            ("Time", .time(time)), ("Duration", .duration(duration)),
        ]
        let text = try render(message, data)
        data.append(("Message", .string(text)))
        return EventState(level: level, message: text, details: try render(details, data), time: time, duration: duration)
    }

    func augment(_ point: StreamPoint, id: String, state: EventState) -> StreamPoint {
        var point = point
        addTags(&point.tags, id: id, state: state)
        addFields(&point.fields, id: id, state: state)
        return point
    }

    func augment(_ batch: PointBatch, id: String, state: EventState) -> PointBatch {
        var batch = batch
        addTags(&batch.tags, id: id, state: state)
        for index in batch.points.indices {
            addTags(&batch.points[index].tags, id: id, state: state)
            addFields(&batch.points[index].fields, id: id, state: state)
        }
        return batch
    }

    private func addTags(_ tags: inout [String: String], id: String, state: EventState) {
        if !levelTag.isEmpty { tags[levelTag] = state.level.description }
        if !idTag.isEmpty { tags[idTag] = id }
    }

    private func addFields(_ fields: inout [String: FieldValue], id: String, state: EventState) {
        if !levelField.isEmpty { fields[levelField] = .string(state.level.description) }
        if !idField.isEmpty { fields[idField] = .string(id) }
        if !messageField.isEmpty { fields[messageField] = .string(state.message) }
        if !durationField.isEmpty { fields[durationField] = .integer(state.duration) }
    }
}

/// The host name templates see as `.ServerInfo.Hostname`.
enum ServerInfo {
    static let hostname: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()
}
