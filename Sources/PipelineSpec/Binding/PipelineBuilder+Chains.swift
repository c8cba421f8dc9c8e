import TICKscript

/// Chains: `|node()` creates a child node, `.property()` sets a property (or opens an alert handler), `@udf()`
/// creates a UDF node; every call is checked against the node's table in `NodeCatalog`.
extension PipelineBuilder {
    /// The node a chain is at, and the alert handler its `.property()` calls configure, if one was just opened.
    private struct ChainTarget {
        var node: Int
        var handler: Int?
    }

    mutating func evaluateChain(_ expression: TickExpression) throws(PipelineError) -> TickValue {
        let (base, links) = expression.chainLinks
        let baseValue = try evaluate(base)
        guard case .node(let start) = baseValue else {
            throw PipelineError(
                "cannot chain methods onto a value of type \(baseValue.type.spoken); a chain starts from stream, batch or a node var",
                at: base.position)
        }
        var target = ChainTarget(node: start)
        for link in links {
            let name = link.name.lowercasingFirst
            switch link.op {
            case .pipe: target = ChainTarget(node: try chain(name, link, from: target.node))
            case .userFunction: target = ChainTarget(node: try chainUserFunction(name, link, from: target.node))
            case .property: target = try setProperty(name, link, on: target)
            }
        }
        return .node(target.node)
    }

    private mutating func arguments(of link: TickChainLink) throws(PipelineError) -> [TickValue] {
        var values: [TickValue] = []
        for argument in link.arguments ?? [] { values.append(try evaluate(argument)) }
        // A list as the only argument is spread, so `.groupBy(tags)` works with `var tags = ['host', 'dc']`.
        if values.count == 1, case .list(let items) = values[0] { return items }
        return values
    }

    private mutating func chain(_ name: String, _ link: TickChainLink, from parent: Int) throws(PipelineError) -> Int {
        let values = try arguments(of: link)
        let parentNode = nodes[parent]
        if name == "stats" {
            try ArgumentChecker.check(values, against: Signature(.duration), method: "stats()", at: link.position)
            return addStats(observing: parent, arguments: values, at: link.position)
        }
        if name == "deadman" { return try addDeadman(observing: parent, arguments: values, at: link.position) }
        guard let definition = NodeCatalog.nodes[name] else {
            if parentNode.definition.properties[name] != nil || parentNode.definition.handlers[name] != nil {
                throw PipelineError(
                    "\(name) is a property of \(parentNode.definition.method); use .\(name)() instead of |\(name)()", at: link.position)
            }
            throw PipelineError("no node \(name)(): \(parentNode.definition.method) has no chaining method \(name)", at: link.position)
        }
        try ensureChainable(definition, onto: parent, at: link.position)
        try ArgumentChecker.check(values, against: definition.arguments, method: "\(name)()", at: link.position)
        var parents = [parent]
        for value in values {
            if case .node(let other) = value {
                try ensureChainable(definition, onto: other, at: link.position)
                parents.append(other)
            }
        }
        let nodeArguments = values.filter { if case .node = $0 { false } else { true } }
        return addNode(definition, parents: parents, arguments: nodeArguments, at: link.position)
    }

    private func ensureChainable(_ definition: NodeDefinition, onto parent: Int, at position: TickPosition) throws(PipelineError) {
        let parentNode = nodes[parent]
        let method = definition.method
        switch parentNode.definition.chains {
        case .none:
            throw PipelineError(
                "\(parentNode.definition.method) has no output; nothing can be chained after it (|\(method)())", at: position)
        case .only(let allowed) where !allowed.contains(method):
            let options = allowed.map { "|\($0)()" }.joined(separator: " or ")
            throw PipelineError("\(parentNode.definition.method) can only be followed by \(options), not |\(method)()", at: position)
        default: break
        }
        guard let edge = parentNode.provides else {
            throw PipelineError(
                "\(parentNode.definition.method) has no output; nothing can be chained after it (|\(method)())", at: position)
        }
        switch (definition.input, edge) {
        case (.stream, .batch), (.batch, .stream):
            let wanted = edge == .stream ? "batch" : "stream"
            throw PipelineError(
                "\(method) needs a \(wanted) edge, but \(parentNode.definition.method) provides a \(edge.rawValue) edge", at: position)
        default: break
        }
    }

    private mutating func chainUserFunction(_ name: String, _ link: TickChainLink, from parent: Int) throws(PipelineError) -> Int {
        let values = try arguments(of: link)
        let definition = NodeDefinition(name, arguments: .many(.scalar), isUserDefined: true)
        try ensureChainable(definition, onto: parent, at: link.position)
        return addNode(definition, parents: [parent], arguments: values, at: link.position)
    }

    private mutating func setProperty(_ name: String, _ link: TickChainLink, on target: ChainTarget) throws(PipelineError) -> ChainTarget {
        let definition = nodes[target.node].definition
        guard link.arguments != nil else {
            throw PipelineError("\(definition.method).\(name) needs parentheses: .\(name)()", at: link.position)
        }
        let values = try arguments(of: link)
        if let handlerIndex = target.handler {
            let handler = nodes[target.node].handlers[handlerIndex]
            if let signature = definition.handlers[handler.name]?.properties[name] {
                try ArgumentChecker.check(values, against: signature, method: "\(handler.name)().\(name)()", at: link.position)
                nodes[target.node].handlers[handlerIndex].properties.append(
                    PropertyCall(name: name, arguments: values, position: link.position))
                return target
            }
        }
        if let handler = definition.handlers[name] {
            try ArgumentChecker.check(values, against: handler.arguments, method: "\(definition.method).\(name)()", at: link.position)
            nodes[target.node].handlers.append(HandlerCall(name: name, arguments: values, properties: [], position: link.position))
            return ChainTarget(node: target.node, handler: nodes[target.node].handlers.count - 1)
        }
        if definition.isUserDefined {
            nodes[target.node].properties.append(PropertyCall(name: name, arguments: values, position: link.position))
            return ChainTarget(node: target.node)
        }
        guard let signature = definition.properties[name] else {
            throw unknownProperty(
                name, on: definition, handler: target.handler.map { nodes[target.node].handlers[$0].name }, at: link.position)
        }
        try ArgumentChecker.check(values, against: signature, method: "\(definition.method).\(name)()", at: link.position)
        if name == "groupBy" && definition.method != "query", values.contains(where: { $0.type == .timeDimension }) {
            throw PipelineError(
                "\(definition.method).groupBy() takes tag names or *; time() grouping belongs to query()", at: link.position)
        }
        nodes[target.node].properties.append(PropertyCall(name: name, arguments: values, position: link.position))
        return ChainTarget(node: target.node)
    }

    private func unknownProperty(_ name: String, on definition: NodeDefinition, handler: String?, at position: TickPosition)
        -> PipelineError
    {
        if NodeCatalog.nodes[name] != nil || name == "stats" || name == "deadman" {
            return PipelineError("\(name) is a chaining method; use |\(name)() instead of .\(name)()", at: position)
        }
        if let handler, let handlerDefinition = definition.handlers[handler] {
            let known = handlerDefinition.properties.keys.sorted().joined(separator: ", ")
            return PipelineError(
                "no property \(name)() on \(handler)() or on \(definition.method); \(handler)() has: \(known.isEmpty ? "no properties" : known)",
                at: position)
        }
        let known = definition.properties.keys.sorted().joined(separator: ", ")
        return PipelineError("no property \(name)() on \(definition.method); \(definition.method) has: \(known)", at: position)
    }

    @discardableResult
    mutating func addNode(_ definition: NodeDefinition, parents: [Int], arguments: [TickValue], at position: TickPosition?) -> Int {
        let id = nodes.count
        let provides: EdgeType? =
            switch definition.output {
            case .stream: .stream
            case .batch: .batch
            case .none: nil
            case .same: parents.first.flatMap { nodes[$0].provides }
            }
        nodes.append(PipelineNode(id: id, definition: definition, position: position, arguments: arguments, provides: provides))
        for parent in parents {
            nodes[parent].children.append(id)
            nodes[id].parents.append(parent)
        }
        return id
    }
}

extension String {
    /// Kapacitor matches methods after changing the first letter's case: `.Period()` is `.period()`.
    var lowercasingFirst: String {
        guard let first else { return self }
        return first.lowercased() + dropFirst()
    }
}
