/// A tree printed as InfluxDB prints `EXPLAIN ANALYZE`: the root `.`, then each node on its own line under
/// `├── ` and `└── ` branches, with `│` and two no-break spaces where a branch goes on below (Go's `treeprint`), and
/// an empty line last.
struct ExplainTree {
    var text: String
    var children: [ExplainTree] = []

    init(_ text: String, _ children: [ExplainTree] = []) {
        self.text = text
        self.children = children
    }

    /// A `labels` node of `name: value` lines, in the order given.
    static func labels(_ pairs: [(String, String)]) -> ExplainTree {
        ExplainTree("labels", pairs.map { ExplainTree("\($0.0): \($0.1)") })
    }

    var lines: [String] {
        ["."] + Self.lines(of: [self], prefix: "") + [""]
    }

    private static func lines(of nodes: [ExplainTree], prefix: String) -> [String] {
        var lines: [String] = []
        for (index, node) in nodes.enumerated() {
            let isLast = index == nodes.count - 1
            lines.append(prefix + (isLast ? "└── " : "├── ") + node.text)
            lines += Self.lines(of: node.children, prefix: prefix + (isLast ? "    " : "│\u{A0}\u{A0} "))
        }
        return lines
    }
}
