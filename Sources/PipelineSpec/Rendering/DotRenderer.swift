/// The graphviz text of a pipeline as Kapacitor prints it in a task's `dot` field: `digraph <id> {`, one
/// `parent -> child;` line per edge in topological order, `}`.
extension Pipeline {
    public func dot(name: String) -> String {
        var text = "digraph \(name) {\n"
        for id in topologicalOrder() {
            for child in nodes[id].children { text += "\(nodes[id].name) -> \(nodes[child].name);\n" }
        }
        return text + "}"
    }

    /// Depth-first post-order from the sources taken last to first, then reversed: the order Kapacitor walks.
    func topologicalOrder() -> [Int] {
        var visited = Array(repeating: false, count: nodes.count)
        var order: [Int] = []
        func visit(_ id: Int) {
            guard !visited[id] else { return }
            visited[id] = true
            for child in nodes[id].children { visit(child) }
            order.append(id)
        }
        for source in nodes.indices.reversed() where nodes[source].parents.isEmpty { visit(source) }
        return order.reversed()
    }
}
