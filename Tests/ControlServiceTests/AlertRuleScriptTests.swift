import Testing

@testable import ControlService
@testable import PipelineSpec

/// Chronograf's rule JSON becomes Chronograf's TICKscript, which Sundial's own checker accepts.
@Suite struct AlertRuleScriptTests {
    static func rule(trigger: String, values: [String: Any], fields: [[String: Any]]? = nil, alertNodes: [String: Any] = [:]) -> [String:
        Any]
    {
        let meanOfIdle: [[String: Any]] = [["value": "mean", "type": "func", "args": [["value": "usage_idle", "type": "field"]]]]
        return [
            "name": "cpu rule", "trigger": trigger, "every": "30s", "message": "{{.ID}} is {{.Level}}", "values": values,
            "query": [
                "database": "telegraf", "retentionPolicy": "autogen", "measurement": "cpu", "fields": fields ?? meanOfIdle,
                "tags": ["host": ["a", "b"]], "groupBy": ["time": "5m", "tags": ["host"]], "areTagsAccepted": false,
            ] as [String: Any],
            "alertNodes": alertNodes,
        ]
    }

    static func nodes(_ script: String) throws -> [String] {
        try Pipeline.build(script: script).nodes.map(\.name)
    }

    @Test func thresholdOnAFunctionWindowsAndAlertsOnValue() throws {
        let rule = Self.rule(
            trigger: "threshold", values: ["operator": "greater than", "value": "90"], alertNodes: ["slack": [["channel": "#ops"]]])
        let (script, type) = try AlertRuleScript(rule: rule, isNew: true).generate()
        #expect(type == .stream)
        #expect(script.contains("var whereFilter = lambda: \"host\" != 'a' AND \"host\" != 'b' AND isPresent(\"usage_idle\")\n"))
        #expect(script.contains("var idVar = name + '-{{.Group}}'\n"))
        #expect(script.contains("    |mean('usage_idle')\n        .as('value')\n"))
        #expect(script.contains("        .crit(lambda: \"value\" > crit)\n"))
        #expect(script.contains("        .stateChangesOnly()\n        .slack()\n        .channel('#ops')\n"))
        #expect(try Self.nodes(script) == ["stream0", "from1", "window2", "mean3", "alert4", "eval5", "influxdb_out6", "http_out7"])
    }

    @Test func rangesRawFieldsAndUpdatesWithoutForcedStateChanges() throws {
        let rawField: [[String: Any]] = [["value": "usage_idle", "type": "field"]]
        let rule = Self.rule(
            trigger: "threshold", values: ["operator": "outside range", "value": "10", "rangeValue": "90"], fields: rawField)
        let (script, _) = try AlertRuleScript(rule: rule, isNew: false).generate()
        #expect(script.contains("var lower = 10\nvar upper = 90\n"))
        #expect(script.contains("        .crit(lambda: \"value\" < lower OR \"value\" > upper)\n"))
        #expect(script.contains("    |eval(lambda: \"usage_idle\")\n        .as('value')\n"))
        #expect(!script.contains("stateChangesOnly"))
    }

    @Test func relativeJoinsThePastAndDeadmanWatchesThroughput() throws {
        let relative = Self.rule(
            trigger: "relative", values: ["change": "% change", "shift": "10m", "operator": "greater than", "value": "20"])
        let (relativeScript, _) = try AlertRuleScript(rule: relative, isNew: true).generate()
        #expect(relativeScript.contains("abs(float(\"current.value\" - \"past.value\")) / float(\"past.value\") * 100.0"))
        #expect(
            try Self.nodes(relativeScript) == [
                "stream0", "from1", "window2", "mean3", "shift4", "join5", "eval6", "alert7", "eval8", "influxdb_out9", "http_out10",
            ])
        let deadman = Self.rule(trigger: "deadman", values: ["period": "10m"], fields: [])
        let (deadmanScript, _) = try AlertRuleScript(rule: deadman, isNew: true).generate()
        #expect(deadmanScript.contains("var period = 10m\n"))
        #expect(deadmanScript.contains("    |deadman(threshold, period)\n"))
        #expect(deadmanScript.contains(".keep('value', messageField, durationField)"))
    }

    /// A change to a valid rule and the error it must give.
    static func invalidCase(_ index: Int) -> (change: [String: Any], message: String) {
        switch index {
        case 0: (["database": ""], "database cannot be an empty string")
        case 1: (["trigger": "deadman", "values": [String: Any]()], "period cannot be an empty string in deadman alert")
        case 2: (["every": ""], "every cannot be an empty string")
        case 3: (["fields": [["value": "a", "type": "field"], ["value": "b", "type": "field"]]], "expect only one field but found 2")
        case 4: (["alertNodes": ["slack": [["room": "x"]]]], "slack has no option room")
        default: (["alertNodes": ["carrierPigeon": [[String: Any]]()]], "unknown alert handler carrierPigeon")
        }
    }

    @Test(arguments: 0..<6)
    func invalidRulesSayWhy(_ index: Int) {
        let (change, message) = Self.invalidCase(index)
        var rule = Self.rule(trigger: "threshold", values: ["operator": "greater than", "value": "1"])
        var query = rule["query"] as! [String: Any]
        for (key, value) in change {
            if ["database", "fields"].contains(key) { query[key] = value } else { rule[key] = value }
        }
        rule["query"] = query
        #expect(throws: AlertRuleError.self) { try AlertRuleScript(rule: rule, isNew: true).generate() }
        do {
            _ = try AlertRuleScript(rule: rule, isNew: true).generate()
        } catch {
            #expect(error.description == message)
        }
    }
}
