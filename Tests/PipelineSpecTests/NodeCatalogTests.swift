import TICKscript
import Testing

@testable import PipelineSpec

/// The catalog is consistent: every default belongs to a property and fits its signature.
@Suite struct NodeCatalogTests {
    @Test func defaultsNameRealPropertiesAndFitTheirSignatures() throws {
        for (method, definition) in NodeCatalog.nodes {
            for (name, value) in definition.defaults {
                let signature = try #require(definition.properties[name], "\(method) has a default for unknown property \(name)")
                #expect(throws: Never.self) {
                    try ArgumentChecker.check(
                        value, against: signature, method: "\(method).\(name)()", at: .init(offset: 0, line: 1, column: 1))
                }
            }
            for (handlerName, handler) in definition.handlers {
                for (name, value) in handler.defaults {
                    let signature = try #require(handler.properties[name], "\(handlerName)() has a default for unknown property \(name)")
                    #expect(throws: Never.self) {
                        try ArgumentChecker.check(
                            value, against: signature, method: "\(handlerName).\(name)()", at: .init(offset: 0, line: 1, column: 1))
                    }
                }
            }
        }
    }

    @Test func nodeNamesFollowKapacitorsDescriptions() {
        let expected = [
            "influxDBOut": "influxdb_out", "httpOut": "http_out", "httpPost": "http_post", "groupBy": "groupby",
            "stateDuration": "state_duration", "stateCount": "state_count", "kapacitorLoopback": "kapacitor_loopback",
            "k8sAutoscale": "k8s_autoscale", "mean": "mean", "window": "window",
        ]
        for (method, desc) in expected { #expect(NodeCatalog.nodes[method]?.desc == desc) }
    }
}
