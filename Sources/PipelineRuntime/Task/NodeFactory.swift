import PipelineSpec

/// Makes the runtime node for each node of a pipeline; a node Sundial does not run yet fails the task's start
/// with its name, so nothing is silently skipped.
enum NodeFactory {
    static let aggregates: Set<String> = [
        "count", "sum", "mean", "median", "stddev", "mode", "spread", "first", "last", "min", "max", "percentile",
    ]

    /// Every node of the pipeline, with the httpOut caches by endpoint and the counters of the nodes `stats` watch.
    static func makeGraph(_ pipeline: Pipeline, context: TaskContext) throws(TaskStartError)
        -> (nodes: [any RuntimeNode], outputs: [String: HTTPOutCache], watched: [Int: GroupEmissions])
    {
        var nodes: [any RuntimeNode] = []
        var outputs: [String: HTTPOutCache] = [:]
        var watched: [Int: GroupEmissions] = [:]
        for spec in pipeline.nodes {
            let node = try make(spec, context: context) { observed in
                if let existing = watched[observed] { return existing }
                let emissions = GroupEmissions()
                watched[observed] = emissions
                return emissions
            }
            if let httpOut = node as? HTTPOutNode { outputs[httpOut.endpoint] = httpOut.cache }
            nodes.append(node)
        }
        return (nodes, outputs, watched)
    }

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
        // Sources pass on what they are given: points from the router, batches from the query schedules.
        case "stream", "batch", "query", "noOp": return PassThroughNode()
        case "from": return try FromNode(spec)
        case "where": return try WhereNode(spec)
        case "eval": return try EvalNode(spec)
        case "default": return DefaultNode(spec)
        case "delete": return DeleteNode(spec)
        case "groupBy": return GroupByNode(spec)
        case "window": return try WindowNode(spec)
        case "alert": return try AlertNode(spec, context: context)
        case "httpOut": return try HTTPOutNode(spec)
        case "httpPost": return try HTTPPostNode(spec, context: context)
        case "influxDBOut": return InfluxDBOutNode(spec, context: context)
        case "log": return LogNode(spec, context: context)
        case "derivative": return try DerivativeNode(spec)
        case "shift": return ShiftNode(spec)
        case "sample": return SampleNode(spec)
        case "union": return UnionNode(spec)
        case "join": return try JoinNode(spec)
        case "trickle": return TrickleNode()
        case "difference", "elapsed", "movingAverage", "cumulativeSum": return try RunningTransformNode(spec)
        case "stateDuration", "stateCount": return try StateTrackingNode(spec)
        case "changeDetect": return ChangeDetectNode(spec)
        case "flatten": return FlattenNode(spec)
        case "kapacitorLoopback": return try KapacitorLoopbackNode(spec, context: context)
        case "sideload": return try SideloadNode(spec, context: context)
        case "holtWinters", "holtWintersWithFit": return try HoltWintersNode(spec)
        case "combine": return try CombineNode(spec)
        case "top", "bottom", "distinct": return try MultiSelectorNode(spec)
        default: throw TaskStartError("\(spec.name): the \(method) node is not supported by Sundial's task engine yet")
        }
    }
}
