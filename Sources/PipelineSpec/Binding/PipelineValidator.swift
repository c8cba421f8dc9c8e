/// Checks that need a node's whole property list, once the script has run: counts that must match and
/// properties that exclude each other.
enum PipelineValidator {
    static let maximumAlertHistory = 100_000

    static func validate(_ nodes: [PipelineNode]) throws(PipelineError) {
        for node in nodes {
            switch node.definition.method {
            case "eval", "combine":
                let names = node.property("as")?.count ?? 0
                guard names == node.arguments.count else {
                    throw PipelineError(
                        "\(node.definition.method) needs one name per lambda in .as(): \(node.arguments.count) lambda(s), \(names) name(s)",
                        at: node.position)
                }
                if node.definition.method == "combine" { try validateCombineNames(node) }
            case "join":
                let names = node.property("as")?.count ?? 0
                guard names == node.parents.count else {
                    throw PipelineError(
                        "join needs one name per joined node in .as(): \(node.parents.count) nodes, \(names) name(s)", at: node.position)
                }
            case "window":
                try validateWindow(node)
            case "kapacitorLoopback":
                for (property, what) in [("database", "database"), ("retentionPolicy", "retention policy")] {
                    guard case .string(let value)? = node.property(property)?.first, !value.isEmpty else {
                        throw PipelineError("must specify a \(what)", at: node.position)
                    }
                }
            case "alert":
                // Each alert group keeps this many levels: a script cannot ask for gigabytes per group.
                if case .int(let history)? = node.property("history")?.first, history > maximumAlertHistory {
                    throw PipelineError("alert .history() must be at most \(maximumAlertHistory), got \(history)", at: node.position)
                }
            case "query", "queryFlux":
                let every = node.property("every") != nil
                let cron = node.property("cron") != nil
                if every && cron { throw PipelineError("\(node.definition.method) takes .every() or .cron(), not both", at: node.position) }
            default: break
            }
        }
    }

    /// Kapacitor's checks of combine's prefixes: named, free of the delimiter, each once.
    private static func validateCombineNames(_ node: PipelineNode) throws(PipelineError) {
        var delimiter = "."
        if case .string(let text)? = node.property("delimiter")?.first { delimiter = text }
        var seen: Set<String> = []
        for case .string(let name) in node.property("as") ?? [] {
            guard !name.isEmpty else {
                throw PipelineError("must provide a prefix name for the combine node, see .as() property method", at: node.position)
            }
            if !delimiter.isEmpty, name.contains(delimiter) {
                throw PipelineError(
                    "cannot use name \(name) as field prefix, it contains the delimiter character \(delimiter)", at: node.position)
            }
            guard seen.insert(name).inserted else {
                throw PipelineError("cannot use the same prefix name see .as() property method", at: node.position)
            }
        }
    }

    private static func validateWindow(_ node: PipelineNode) throws(PipelineError) {
        let byTime = node.property("period") != nil || node.property("every") != nil
        let byCount = node.property("periodCount") != nil || node.property("everyCount") != nil
        if byTime && byCount {
            throw PipelineError("window takes .period()/.every() or .periodCount()/.everyCount(), not both", at: node.position)
        }
        if byCount && node.property("align") != nil {
            throw PipelineError("window cannot .align() a count-based window", at: node.position)
        }
        for name in ["periodCount", "everyCount"] {
            if case .int(let count)? = node.property(name)?.first, count < 1 {
                throw PipelineError("window .\(name)() must be at least 1, got \(count)", at: node.position)
            }
        }
    }
}
