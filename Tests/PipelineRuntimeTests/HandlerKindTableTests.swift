import PipelineSpec
import SundialConfig
import Testing

@testable import Alerting

/// The handler kinds Alerting lists once agree with the TICKscript syntax the alert node takes and with Kapacitor's
/// lists: a handler the checker accepts always has a kind that makes it, and every argument it takes has an option name.
struct HandlerKindTableTests {
    private var syntax: [String: HandlerDefinition] { NodeCatalog.nodes["alert"]?.handlers ?? [:] }

    @Test func everyTICKscriptHandlerHasAKindAndEveryKindItsSyntax() {
        let properties = Set(AlertHandlerCatalog.all.compactMap(\.property))
        #expect(Set(syntax.keys).subtracting(["topic"]) == properties)
        #expect(AlertHandlerCatalog.kinds.count == AlertHandlerCatalog.all.count, "kinds are unique")
    }

    @Test func argumentsHaveOptionNames() {
        for kind in AlertHandlerCatalog.all {
            guard let property = kind.property, let definition = syntax[property] else { continue }
            let takesArguments = !definition.arguments.parameters.isEmpty || definition.arguments.variadic != nil
            #expect(takesArguments == !kind.arguments.isEmpty, "\(property)")
        }
    }

    @Test func unusedPropertiesAreOnesTheSyntaxTakes() {
        for kind in AlertHandlerCatalog.all {
            guard let property = kind.property, let definition = syntax[property] else { continue }
            #expect(Set(kind.unusedProperties.keys).isSubset(of: definition.properties.keys), "\(property)")
        }
        #expect(AlertHandlerCatalog.unusedProperties("zenoss").keys.sorted() == ["password", "url", "username"])
    }

    @Test func kindsOfProperties() {
        #expect(AlertHandlerCatalog.kind(ofProperty: "email") == "smtp")
        #expect(AlertHandlerCatalog.kind(ofProperty: "pagerDuty2") == "pagerduty2")
        #expect(AlertHandlerCatalog.kind(ofProperty: "snmpTrap") == "snmptrap")
        #expect(AlertHandlerCatalog.argumentNames("exec") == ["prog", "args…"])
    }

    @Test func serviceTestsAreKapacitorsList() {
        #expect(
            ServiceTests.names == [
                "alerta", "bigpanda", "discord", "httppost", "mqtt", "opsgenie", "opsgenie2", "pagerduty", "pagerduty2", "pushover",
                "sensu", "servicenow", "slack", "smtp", "snmptrap", "talk", "teams", "telegram", "victorops", "zenoss",
            ])
    }

    @Test func globalServicesAndTheirStateChangesOnly() {
        var configuration = SundialConfiguration()
        var slack = SlackSection()
        (slack.enabled, slack.global, slack.stateChangesOnly) = (true, true, true)
        configuration.slack = [slack]
        (configuration.pagerDuty2.enabled, configuration.pagerDuty2.global) = (true, true)
        configuration.teams.global = true  // not enabled: not global
        let kinds = AlertHandlerCatalog.globalKinds(HandlerServices(configuration: configuration))
        #expect(kinds.map(\.kind) == ["slack", "pagerduty2"] && kinds.map(\.stateChangesOnly) == [true, false])
    }
}
