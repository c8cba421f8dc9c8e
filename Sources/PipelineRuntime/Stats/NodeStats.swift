/// A node's counters, as `GET /kapacitor/v1/tasks/<id>` shows them under `stats.node-stats` and the DOT text of an
/// executing task shows them as attributes.
public struct NodeStats: Sendable, Equatable {
    public var name: String
    public var collected: Int64 = 0
    public var emitted: Int64 = 0
    public var errors: Int64 = 0
    public var workingCardinality: Int64 = 0
    /// Mean time a message spent in the node and what it emitted to, in nanoseconds.
    public var averageExecutionNanoseconds: Int64 = 0
    /// Node-specific counters (`alerts_triggered`, `points_written`, …), sorted by name.
    public var extra: [(String, Int64)] = []

    public init(name: String) { self.name = name }

    public static func == (lhs: NodeStats, rhs: NodeStats) -> Bool {
        lhs.name == rhs.name && lhs.collected == rhs.collected && lhs.emitted == rhs.emitted && lhs.errors == rhs.errors
            && lhs.extra.map(\.0) == rhs.extra.map(\.0) && lhs.extra.map(\.1) == rhs.extra.map(\.1)
    }

    /// The counters as Kapacitor names them, sorted by name.
    public var fields: [(String, Int64)] {
        ([
            ("avg_exec_time_ns", averageExecutionNanoseconds), ("collected", collected), ("emitted", emitted), ("errors", errors),
            ("working_cardinality", workingCardinality),
        ] + extra).sorted { $0.0 < $1.0 }
    }
}

/// A running task's statistics: every node's counters (in node order) and the edges between them.
public struct TaskStatistics: Sendable {
    public var nodes: [NodeStats]
    /// (parent name, child name, messages the parent sent along the edge).
    public var edges: [(String, String, Int64)]
    /// Points per second the task received, over its life.
    public var throughput: Double
}
