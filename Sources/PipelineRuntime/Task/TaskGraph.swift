import Foundation
import Logging

/// A task's nodes wired together, with their counters: messages go depth-first from a node to each of its
/// children. Only used under the owning `ExecutingTask`'s lock.
final class TaskGraph {
    let names: [String]
    let nodes: [any RuntimeNode]
    let children: [[Int]]
    let quiet: [Bool]
    var collected: [Int64]
    var emitted: [Int64]
    var errors: [Int64]
    var executionNanoseconds: [Int64]
    /// Per-group emitted counts of the nodes a `|stats()` watches.
    let watched: [Int: GroupEmissions]
    let logger: Logger

    init(
        names: [String], nodes: [any RuntimeNode], children: [[Int]], quiet: [Bool], watched: [Int: GroupEmissions], logger: Logger
    ) {
        self.watched = watched
        self.names = names
        self.nodes = nodes
        self.children = children
        self.quiet = quiet
        self.logger = logger
        collected = Array(repeating: 0, count: nodes.count)
        emitted = collected
        errors = collected
        executionNanoseconds = collected
    }

    /// Hands `message` (from node `parent`, -1 for the task's input) to node `index`, and what it emits to its
    /// children, recursively.
    func deliver(_ message: RuntimeMessage, to index: Int, from parent: Int = -1) {
        collected[index] += 1
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            try nodes[index].process(message, from: parent) { output in self.forward(output, from: index) }
        } catch {
            errors[index] += 1
            if !quiet[index] { logger.error("\(names[index]): \(error)") }
        }
        executionNanoseconds[index] += Int64(DispatchTime.now().uptimeNanoseconds &- started)
    }

    func forward(_ message: RuntimeMessage, from index: Int) {
        emitted[index] += 1
        watched[index]?.count(message)
        for child in children[index] { deliver(message, to: child, from: index) }
    }

    /// The wall-clock tick for every node (flush intervals).
    func tick(now: Int64) {
        for index in nodes.indices { nodes[index].tick(now: now) { output in self.forward(output, from: index) } }
    }

    /// Set by `stop()`: a query answer that arrives later is dropped.
    private(set) var isStopped = false

    func stop() {
        isStopped = true
        for node in nodes { node.stop() }
    }

    func statistics(elapsedSeconds: Double) -> TaskStatistics {
        var stats: [NodeStats] = []
        var edges: [(String, String, Int64)] = []
        for index in nodes.indices {
            var node = NodeStats(name: names[index])
            node.collected = collected[index]
            node.emitted = emitted[index]
            node.errors = errors[index]
            node.workingCardinality = Int64(nodes[index].cardinality)
            node.averageExecutionNanoseconds = collected[index] == 0 ? 0 : executionNanoseconds[index] / collected[index]
            node.extra = nodes[index].extraStats
            stats.append(node)
            for child in children[index] { edges.append((names[index], names[child], emitted[index])) }
        }
        let throughput = elapsedSeconds > 0 ? Double(collected.first ?? 0) / elapsedSeconds : 0
        return TaskStatistics(nodes: stats, edges: edges, throughput: throughput)
    }
}
