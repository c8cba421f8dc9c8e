import TICKscript

/// `|stats(interval)` and `|deadman(threshold, interval, lambda…)`, which any node offers.
extension PipelineBuilder {
    /// A stats node is a new source that watches `observed`; a leaf being watched gets a noOp child so it has
    /// somewhere to send its data, as in Kapacitor.
    mutating func addStats(observing observed: Int, arguments: [TickValue], at position: TickPosition?) -> Int {
        let stats = addNode(NodeCatalog.statsDefinition, parents: [], arguments: arguments + [.node(observed)], at: position)
        if nodes[observed].children.isEmpty && nodes[observed].provides != nil {
            addNode(NodeCatalog.noOp, parents: [observed], arguments: [], at: nil)
        }
        return stats
    }

    /// Kapacitor's sugar: `|stats(interval).align() |derivative('emitted').unit(interval).nonNegative()
    /// |alert().crit(lambda: "emitted" <= threshold AND …)`, with the `[deadman]` id and message. Returns the alert.
    mutating func addDeadman(observing observed: Int, arguments values: [TickValue], at position: TickPosition) throws(PipelineError) -> Int
    {
        try ArgumentChecker.check(values, against: Signature(.float, .duration, variadic: .lambda), method: "deadman()", at: position)
        guard case .float(let threshold) = values[0], case .duration(let interval) = values[1] else { return observed }
        let stats = addStats(observing: observed, arguments: [values[1]], at: position)
        nodes[stats].properties.append(PropertyCall(name: "align", arguments: [], position: position))
        let derivativeDefinition = NodeCatalog.nodes["derivative"]!
        let derivative = addNode(derivativeDefinition, parents: [stats], arguments: [.string("emitted")], at: position)
        nodes[derivative].properties += [
            PropertyCall(name: "unit", arguments: [.duration(interval)], position: position),
            PropertyCall(name: "nonNegative", arguments: [], position: position),
        ]
        let alert = addNode(NodeCatalog.alert, parents: [derivative], arguments: [], at: position)
        var condition = TickExpression(
            .binary(.lessOrEqual, TickExpression(.reference("emitted"), at: position), TickExpression(.number(threshold), at: position)),
            at: position)
        for case .lambda(let extra) in values.dropFirst(2) {
            condition = TickExpression(.binary(.and, condition, extra), at: position)
        }
        let name = nodes[observed].name
        let intervalText = TickLiteral.duration(interval)
        nodes[alert].properties += [
            PropertyCall(name: "id", arguments: [.string("node '\(name)' in task '{{ .TaskName }}'")], position: position),
            PropertyCall(
                name: "message",
                arguments: [
                    .string(
                        "{{ .ID }} is {{ if eq .Level \"OK\" }}alive{{ else }}dead{{ end }}: {{ index .Fields \"emitted\" | printf \"%0.3f\" }} points/\(intervalText)."
                    )
                ], position: position),
            PropertyCall(name: "crit", arguments: [.lambda(condition)], position: position),
        ]
        return alert
    }
}

extension NodeCatalog {
    static var statsDefinition: NodeDefinition { nodes["stats"]! }
}
