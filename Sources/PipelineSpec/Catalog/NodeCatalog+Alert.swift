/// The alert node: its properties and every handler with the properties that configure it.
extension NodeCatalog {
    static let alert = NodeDefinition(
        "alert", properties: alertProperties, handlers: Dictionary(uniqueKeysWithValues: alertHandlers.map { ($0.name, $0) }),
        defaults: [
            "history": [.int(21)], "id": [.string("{{ .Name }}:{{ .Group }}")], "message": [.string("{{ .ID }} is {{ .Level }}")],
            "details": [.string("{{ json . }}")],
        ])

    static let alertProperties: [String: Signature] = {
        var properties: [String: Signature] = [
            "flapping": Signature(.float, .float), "history": Signature(.int), "all": .none, "noRecoveries": .none,
            "stateChangesOnly": Signature(.duration, optional: 1), "inhibit": Signature(.string, variadic: .string),
        ]
        for name in [
            "category", "topic", "id", "message", "details", "levelTag", "levelField", "messageField", "durationField", "idTag", "idField",
        ] {
            properties[name] = Signature(.string)
        }
        for name in ["info", "warn", "crit", "infoReset", "warnReset", "critReset"] { properties[name] = Signature(.lambda) }
        return properties
    }()

    private static func handler(_ name: String, _ arguments: Signature = .none, strings: [String] = [], _ others: [String: Signature] = [:])
        -> HandlerDefinition
    {
        var properties = Dictionary(uniqueKeysWithValues: strings.map { ($0, Signature(.string)) }).merging(others) { own, _ in own }
        // Sundial's, on handlers that send to a service: one attempt, the error logged, as Kapacitor sends (otherwise
        // the alert outbox retries).
        if name != "log" && name != "exec" { properties["sendOnce"] = Signature.none }
        // The log handler writes files 0600 unless `.mode()` says otherwise.
        let defaults: [String: [TickValue]] = name == "log" ? ["mode": [.int(0o600)]] : [:]
        return HandlerDefinition(name: name, arguments: arguments, properties: properties, defaults: defaults)
    }

    static let alertHandlers: [HandlerDefinition] = [
        handler(
            "post", .many(.string), strings: ["endpoint"],
            [
                "header": Signature(.string, .string), "captureResponse": .none, "timeout": Signature(.duration),
                "skipSSLVerification": .none,
            ]),
        handler("tcp", Signature(.string), strings: ["address"]),
        handler("email", .many(.string), ["to": .many(.string), "toTemplates": .many(.string)]),
        handler("exec", Signature(.string, variadic: .string)),
        handler("log", Signature(.string), ["mode": Signature(.int)]),
        handler("victorOps", strings: ["routingKey"]),
        handler("pagerDuty", strings: ["serviceKey"]),
        handler("pagerDuty2", strings: ["routingKey", "serviceKey"], ["link": Signature(.string, .string, optional: 1)]),
        // Kapacitor's own spellings are `.URL()` and `.URLTitle()` (`uRL`, `uRLTitle` once the parser lowers the first
        // letter); the lower-case ones are kept for scripts already written.
        handler("pushover", strings: ["userKey", "device", "title", "url", "urlTitle", "uRL", "uRLTitle", "sound"]),
        handler("sensu", strings: ["source"], ["handlers": .many(.string), "metadata": Signature(.string, .scalar)]),
        handler("slack", strings: ["workspace", "channel", "username", "iconEmoji"]),
        handler("discord", strings: ["workspace", "username", "avatarURL", "embedTitle"]),
        handler(
            "bigPanda", strings: ["appKey", "host", "primaryProperty", "secondaryProperty"], ["attribute": Signature(.string, .scalar)]),
        handler("telegram", strings: ["chatId", "parseMode"], ["disableWebPagePreview": .none, "disableNotification": .none]),
        handler("hipChat", strings: ["room", "token"]),
        handler(
            "alerta", strings: ["token", "resource", "event", "environment", "group", "value", "origin"],
            [
                "services": .many(.string), "correlated": .many(.string), "attribute": Signature(.string, .scalar),
                "timeout": Signature(.duration),
            ]),
        handler("opsGenie", Signature.none, ["teams": .many(.string), "recipients": .many(.string)]),
        handler(
            "opsGenie2", strings: ["recoveryAction"], ["teams": .many(.string), "recipients": .many(.string), "details": .none]),
        handler("talk"),
        handler("mqtt", Signature(.string), strings: ["brokerName", "topic"], ["qos": Signature(.int), "retained": Signature(.bool)]),
        handler("snmpTrap", Signature(.string), ["data": Signature(.string, .string, .string)]),
        handler(
            "kafka", strings: ["cluster", "kafkaTopic", "partitionHashAlgorithm", "template"], ["disablePartitionById": .none]),
        handler("teams", strings: ["channelURL"]),
        handler(
            "serviceNow", strings: ["url", "username", "password", "source", "node", "type", "resource", "metricName", "messageKey"],
            ["additionalInfo": Signature(.string, .scalar)]),
        handler(
            "zenoss",
            strings: [
                "url", "username", "password", "action", "method", "type", "collector", "summary", "device", "component",
                "eventClassKey", "eventClass", "message",
            ],
            ["tid": Signature(.int), "customField": Signature(.string, .scalar)]),
    ]
}
