import PipelineSpec

/// Makes the runtime node for each node of a pipeline; a node Sundial does not run yet fails the task's start
/// with its name, so nothing is silently skipped.
enum NodeFactory {
    static let aggregates: Set<String> = [
        "count", "sum", "mean", "median", "stddev", "mode", "spread", "first", "last", "min", "max", "percentile",
    ]

    /// `emissions(id)`: the per-group counter of node `id`, which a `stats` node watching it reads.
    static func make(_ spec: PipelineNode, context: TaskContext, emissions: (Int) -> GroupEmissions) throws(TaskStartError)
        -> any RuntimeNode
    {
        let method = spec.definition.method
        if aggregates.contains(method) { return try AggregateNode(spec) }
        if method == "stats" {
            guard case .node(let observed)? = spec.arguments.last else { throw TaskStartError("\(spec.name): stats watches no node") }
            return try StatsNode(spec, emissions: emissions(observed))
        }
        switch method {
        case "stream", "noOp": return PassThroughNode()
        case "from": return try FromNode(spec)
        case "where": return try WhereNode(spec)
        case "eval": return try EvalNode(spec)
        case "default": return DefaultNode(spec)
        case "delete": return DeleteNode(spec)
        case "groupBy": return GroupByNode(spec)
        case "window": return try WindowNode(spec)
        case "alert": return try AlertNode(spec, context: context)
        case "httpOut": return try HTTPOutNode(spec)
        case "influxDBOut": return InfluxDBOutNode(spec, context: context)
        case "log": return LogNode(spec, context: context)
        case "derivative": return try DerivativeNode(spec)
        case "shift": return ShiftNode(spec)
        case "sample": return SampleNode(spec)
        case "union": return UnionNode(spec)
        case "join": return try JoinNode(spec)
        default: throw TaskStartError("\(spec.name): the \(method) node is not supported by Sundial's task engine yet")
        }
    }
}
