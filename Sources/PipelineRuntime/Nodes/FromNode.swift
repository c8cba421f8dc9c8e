import PipelineSpec
import TimeSeries

/// `stream|from()`: keeps the points of one database, policy and measurement (empty: any) that pass its `where`
/// lambdas, sets their group, and moves their times (`truncate`, `round`).
final class FromNode: RuntimeNode {
    private let database: String
    private let retentionPolicy: String
    private let measurement: String
    private let filters: [CompiledLambda]
    /// Sorted; nil: every tag (`groupBy(*)`).
    private let dimensions: [String]?
    private let byName: Bool
    private let truncate: Int64?
    private let round: Int64?
    private var states: [GroupKey: [LambdaState]] = [:]

    init(_ spec: PipelineNode) throws(TaskStartError) {
        database = spec.string("database")
        retentionPolicy = spec.string("retentionPolicy")
        measurement = spec.string("measurement")
        filters = try spec.lambdas("where")
        dimensions = (spec.property("groupBy").map { PipelineNode.dimensions($0) } ?? [])?.sorted()
        byName = spec.isSet("groupByMeasurement")
        truncate = spec.duration("truncate")
        round = spec.duration("round")
    }

    var cardinality: Int { states.count }

    func process(_ message: RuntimeMessage, emit: (RuntimeMessage) -> Void) throws(NodeError) {
        guard case .point(var point) = message else { return }
        guard database.isEmpty || point.database == database, retentionPolicy.isEmpty || point.retentionPolicy == retentionPolicy,
            measurement.isEmpty || point.name == measurement
        else { return }
        point.group =
            if let dimensions {
                GroupKey(name: point.name, tags: point.tags, sortedDimensions: dimensions, byName: byName)
            } else {
                GroupKey(name: point.name, tags: point.tags, dimensions: Array(point.tags.keys), byName: byName)
            }
        if !filters.isEmpty {
            let scope = LambdaScope(fields: point.fields, tags: point.tags, time: point.time)
            var groupStates = states.removeValue(forKey: point.group) ?? filters.map { $0.makeState() }
            defer { states[point.group] = groupStates }
            for index in filters.indices {
                do {
                    guard try filters[index].test(scope, state: &groupStates[index]) else { return }
                } catch {
                    throw NodeError("error evaluating where: \(error)")
                }
            }
        }
        if let truncate, truncate > 0 { point.time = point.time.flooredSaturated(toMultipleOf: truncate) }
        if let round, round > 0 { point.time = point.time.roundedSaturated(toMultipleOf: round) }
        emit(.point(point))
    }
}
