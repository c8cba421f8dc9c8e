import Testing

@testable import ControlService

/// Values a client sends that go into generated TICKscript and InfluxQL as literals: only duration literals and
/// letter-only function names get in (`1h; DROP DATABASE x` would run with the source's stored credentials).
@Suite struct GeneratedTextInjectionTests {
    @Test func onlyDurationLiteralsAreDurations() {
        for text in ["1h", "90m", "1h30m", "10s", "500ms", "7d", "2w", "1u", "INF"] {
            #expect(DurationText.isValid(text, allowingInfinite: true), "\(text)")
        }
        for text in ["", "h", "1", "1h; DROP DATABASE x", "1m\nvar x = 1", "1 h", "-1h", "1y", "INF"] {
            #expect(!DurationText.isValid(text), "\(text)")
        }
        #expect(throws: ChronografError.self) { try DatabasesRoutes.duration("7d; CREATE USER x WITH PASSWORD 'y' WITH ALL PRIVILEGES") }
    }

    @Test func aRuleWithTextWhereADurationGoesIsRefused() throws {
        for (key, value) in [("every", "30s\nvar evil = stream"), ("every", "1m) |log()")] {
            var rule = AlertRuleScriptTests.rule(trigger: "threshold", values: ["operator": "greater than", "value": "90"])
            rule[key] = value
            #expect(throws: AlertRuleError.self) { try AlertRuleScript(rule: rule, isNew: true).generate() }
        }
        let shifted = AlertRuleScriptTests.rule(trigger: "relative", values: ["shift": "1m\nvar x = 1", "value": "10", "change": "change"])
        #expect(throws: AlertRuleError.self) { try AlertRuleScript(rule: shifted, isNew: true).generate() }
        let nodeName: [[String: Any]] = [["value": "mean('x')|log", "type": "func", "args": [["value": "usage_idle", "type": "field"]]]]
        let named = AlertRuleScriptTests.rule(trigger: "threshold", values: ["operator": "greater than", "value": "1"], fields: nodeName)
        if let (script, _) = try? AlertRuleScript(rule: named, isNew: true).generate() {
            #expect(!script.contains("|log"), "a function name is a node name: letters only")
        }
    }
}
