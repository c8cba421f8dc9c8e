import Foundation
import PipelineRuntime
import TimeSeries

/// A running task's statistics as Kapacitor shows them: `stats` (`task-stats`, `node-stats`) in the task's JSON, and
/// the DOT text with the throughput, each node's counters as attributes and each edge's `processed` count.
enum TaskStatsJSON {
    static func stats(_ statistics: TaskStatistics) -> [String: Any] {
        var nodes: [String: Any] = [:]
        for node in statistics.nodes { nodes[node.name] = Dictionary(uniqueKeysWithValues: node.fields) }
        return ["task-stats": ["throughput": statistics.throughput], "node-stats": nodes]
    }

    static func dot(name: String, statistics: TaskStatistics) -> String {
        var text = "digraph \(name) {\ngraph [throughput=\"\(String(format: "%.2f", statistics.throughput)) points/s\"];\n"
        for node in statistics.nodes {
            let attributes = node.fields.filter { $0.0 != "collected" && $0.0 != "emitted" }.map { field in
                let value = field.0 == "avg_exec_time_ns" ? GoDuration.format(nanoseconds: field.1) : String(field.1)
                return "\(field.0)=\"\(value)\" "
            }
            text += "\n\(node.name) [\(attributes.joined())];\n"
            for edge in statistics.edges where edge.0 == node.name { text += "\(edge.0) -> \(edge.1) [processed=\"\(edge.2)\"];\n" }
        }
        return text + "}"
    }
}
