/// InfluxQL functions, outputs and the autoscale nodes.
extension NodeCatalog {
    static let aggregates: [NodeDefinition] = {
        let selectorProperties: [String: Signature] = ["as": Signature(.string), "usePointTimes": .none]
        let single = ["count", "mean", "median", "mode", "spread", "sum", "first", "last", "min", "max", "stddev"]
        var nodes = single.map { NodeDefinition($0, output: .stream, arguments: Signature(.string), properties: selectorProperties) }
        nodes += [
            NodeDefinition("percentile", output: .stream, arguments: Signature(.string, .float), properties: selectorProperties),
            NodeDefinition("distinct", output: .batch, arguments: Signature(.string), properties: selectorProperties),
            NodeDefinition("top", output: .batch, arguments: Signature(.int, .string, variadic: .string), properties: selectorProperties),
            NodeDefinition(
                "bottom", output: .batch, arguments: Signature(.int, .string, variadic: .string), properties: selectorProperties),
            NodeDefinition("elapsed", arguments: Signature(.string, .duration), properties: selectorProperties),
            NodeDefinition("difference", arguments: Signature(.string), properties: selectorProperties),
            NodeDefinition("movingAverage", arguments: Signature(.string, .int), properties: selectorProperties),
            NodeDefinition("cumulativeSum", arguments: Signature(.string), properties: selectorProperties),
            NodeDefinition(
                "holtWinters", output: .batch, arguments: Signature(.string, .int, .int, .duration), properties: selectorProperties),
            // Kapacitor names both forecasts' field `holtWinters`.
            NodeDefinition(
                "holtWintersWithFit", output: .batch, arguments: Signature(.string, .int, .int, .duration),
                properties: selectorProperties, defaults: ["as": [.string("holtWinters")]]),
        ]
        return nodes
    }()

    static let outputs: [NodeDefinition] = [
        NodeDefinition("httpOut", desc: "http_out", arguments: Signature(.string)),
        NodeDefinition(
            "httpPost", desc: "http_post", arguments: .many(.string),
            properties: [
                "endpoint": Signature(.string), "header": Signature(.string, .string), "codeField": Signature(.string),
                "captureResponse": .none, "timeout": Signature(.duration),
            ]),
        NodeDefinition(
            "influxDBOut", desc: "influxdb_out", output: .none,
            properties: [
                "cluster": Signature(.string), "database": Signature(.string), "retentionPolicy": Signature(.string),
                "measurement": Signature(.string), "writeConsistency": Signature(.string), "precision": Signature(.string),
                "buffer": Signature(.int), "flushInterval": Signature(.duration), "tag": Signature(.string, .string), "create": .none,
            ],
            chains: .none, defaults: ["buffer": [.int(1000)], "flushInterval": [.duration(10_000_000_000)]]),
        NodeDefinition(
            "kapacitorLoopback", desc: "kapacitor_loopback", output: .none,
            properties: [
                "database": Signature(.string), "retentionPolicy": Signature(.string), "measurement": Signature(.string),
                "tag": Signature(.string, .string),
            ],
            chains: .none),
    ]

    static let autoscalers: [NodeDefinition] = {
        let common: [String: Signature] = [
            "cluster": Signature(.string), "currentField": Signature(.string), "max": Signature(.int), "min": Signature(.int),
            "replicas": Signature(.lambda), "increaseCooldown": Signature(.duration), "decreaseCooldown": Signature(.duration),
        ]
        func strings(_ names: [String]) -> [String: Signature] {
            Dictionary(uniqueKeysWithValues: names.map { ($0, Signature(.string)) }).merging(common) { own, _ in own }
        }
        return [
            NodeDefinition(
                "k8sAutoscale", desc: "k8s_autoscale", output: .stream,
                properties: strings(["namespace", "kind", "resourceName", "resourceNameTag", "namespaceTag", "kindTag", "resourceTag"]),
                defaults: [
                    "min": [.int(1)], "kind": [.string("deployments")], "namespaceTag": [.string("namespace")],
                    "kindTag": [.string("kind")], "resourceTag": [.string("resource")],
                ]),
            NodeDefinition(
                "swarmAutoscale", desc: "swarm_autoscale", output: .stream,
                properties: strings(["serviceName", "serviceNameTag", "outputServiceNameTag"]), defaults: ["min": [.int(1)]]),
            NodeDefinition(
                "ec2Autoscale", desc: "ec2_autoscale", output: .stream,
                properties: strings(["groupName", "groupNameTag", "outputGroupNameTag"]), defaults: ["min": [.int(1)]]),
        ]
    }()
}
