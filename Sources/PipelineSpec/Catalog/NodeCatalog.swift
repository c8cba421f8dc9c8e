/// Every node Kapacitor's TICKscript can build (tiers 1–3 of SPEC-kapacitor.md §2), by chaining method.
public enum NodeCatalog {
    public static let nodes: [String: NodeDefinition] = {
        var table: [String: NodeDefinition] = [:]
        for node in sources + transformations + aggregates + outputs + autoscalers + [alert] { table[node.method] = node }
        return table
    }()

    /// The sources a task starts from; not chainable with `|`.
    public static let stream = NodeDefinition("stream", output: .stream, chains: .only(["from"]))
    public static let batch = NodeDefinition("batch", output: .batch, chains: .only(["query", "queryFlux"]))
    /// Added under a leaf node when `|stats` is attached to it, so the node has somewhere to send its data.
    public static let noOp = NodeDefinition("noOp", desc: "noop", chains: .none)

    static let scheduleProperties: [String: Signature] = [
        "period": Signature(.duration), "every": Signature(.duration), "cron": Signature(.string),
        "offset": Signature(.duration), "align": .none, "cluster": Signature(.string),
    ]

    static let sources: [NodeDefinition] = [
        NodeDefinition(
            "from", input: .stream, output: .stream,
            properties: [
                "database": Signature(.string), "retentionPolicy": Signature(.string), "measurement": Signature(.string),
                "where": Signature(.lambda), "groupBy": .many(.dimension), "groupByMeasurement": .none,
                "truncate": Signature(.duration), "round": Signature(.duration),
            ]),
        NodeDefinition(
            "query", input: .batch, output: .batch, arguments: Signature(.string),
            properties: scheduleProperties.merging([
                "alignGroup": .none, "groupBy": .many(.dimension), "groupByMeasurement": .none, "fill": Signature(.fill),
            ]) { own, _ in own },
            defaults: ["offset": [.duration(0)]]),
        NodeDefinition(
            "queryFlux", input: .batch, output: .batch, arguments: Signature(.string),
            properties: scheduleProperties.merging(["org": Signature(.string), "orgID": Signature(.string)]) { own, _ in own }),
    ]

    static let transformations: [NodeDefinition] = [
        NodeDefinition("where", arguments: Signature(.lambda)),
        NodeDefinition(
            "eval", arguments: .many(.lambda),
            properties: ["as": .many(.string), "tags": .many(.string), "keep": .many(.string)]),
        NodeDefinition("default", properties: ["field": Signature(.string, .scalar), "tag": Signature(.string, .string)]),
        NodeDefinition("delete", properties: ["field": Signature(.string), "tag": Signature(.string)]),
        NodeDefinition(
            "groupBy", desc: "groupby", arguments: .many(.dimension),
            properties: ["exclude": .many(.string), "byMeasurement": .none]),
        NodeDefinition(
            "window", input: .stream, output: .batch,
            properties: [
                "period": Signature(.duration), "every": Signature(.duration), "align": .none, "fillPeriod": .none,
                "periodCount": Signature(.int), "everyCount": Signature(.int),
            ],
            defaults: ["every": [.duration(0)]]),
        NodeDefinition("shift", arguments: Signature(.duration)),
        NodeDefinition("sample", arguments: Signature(.intOrDuration)),
        NodeDefinition(
            "derivative", arguments: Signature(.string),
            properties: ["as": Signature(.string), "unit": Signature(.duration), "nonNegative": .none],
            defaults: ["unit": [.duration(1_000_000_000)]]),
        NodeDefinition("changeDetect", arguments: .many(.string)),
        NodeDefinition(
            "stateDuration", desc: "state_duration", arguments: Signature(.lambda),
            properties: ["as": Signature(.string), "unit": Signature(.duration)],
            defaults: ["as": [.string("state_duration")], "unit": [.duration(1_000_000_000)]]),
        NodeDefinition(
            "stateCount", desc: "state_count", arguments: Signature(.lambda), properties: ["as": Signature(.string)],
            defaults: ["as": [.string("state_count")]]),
        NodeDefinition(
            "flatten",
            properties: [
                "on": .many(.string), "delimiter": Signature(.string), "tolerance": Signature(.duration),
                "dropOriginalFieldName": Signature(.bool, optional: 1),
            ],
            defaults: ["delimiter": [.string(".")]]),
        NodeDefinition(
            "combine", output: .stream, arguments: .many(.lambda),
            properties: [
                "as": .many(.string), "delimiter": Signature(.string), "tolerance": Signature(.duration), "max": Signature(.int),
            ],
            defaults: ["delimiter": [.string(".")], "max": [.int(1_000_000)]]),
        NodeDefinition(
            "join", arguments: .many(.node),
            properties: [
                "as": .many(.string), "on": .many(.string), "delimiter": Signature(.string), "tolerance": Signature(.duration),
                "fill": Signature(.fill), "streamName": Signature(.string), "deleteAll": Signature(.bool),
            ],
            defaults: ["delimiter": [.string(".")]]),
        NodeDefinition("union", arguments: .many(.node), properties: ["rename": Signature(.string)]),
        NodeDefinition(
            "barrier", properties: ["idle": Signature(.duration), "period": Signature(.duration), "delete": Signature(.bool)]),
        NodeDefinition(
            "sideload",
            properties: [
                "source": Signature(.string), "order": .many(.string), "field": Signature(.string, .scalar),
                "tag": Signature(.string, .string),
            ]),
        NodeDefinition(
            "log", properties: ["level": Signature(.string), "prefix": Signature(.string)], defaults: ["level": [.string("INFO")]]),
        NodeDefinition("trickle", input: .batch, output: .stream),
        NodeDefinition("stats", input: .any, output: .stream, arguments: Signature(.duration), properties: ["align": .none]),
    ]
}
