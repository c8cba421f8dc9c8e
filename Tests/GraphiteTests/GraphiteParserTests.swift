import Testing
import TimeSeries

@testable import Graphite

/// Templates and lines from InfluxDB 1.8's graphite documentation and parser tests.
@Suite struct GraphiteParserTests {
    private func point(_ line: String, templates: [String] = [], tags: [String] = [], separator: String = ".") throws -> Point {
        try GraphiteParser(templates: templates, tags: tags, separator: separator).parse(line, now: 42)
    }

    private func sortedTags(_ point: Point) -> [String: String] {
        Dictionary(uniqueKeysWithValues: point.tags.map { ($0.key, $0.value) })
    }

    @Test func theDefaultTemplateMakesThePathTheMeasurement() throws {
        let parsed = try point("servers.localhost.cpu.loadavg.10 32.5 1435077219")
        #expect(parsed.measurement == "servers.localhost.cpu.loadavg.10")
        #expect(parsed.fields == [Field("value", .float(32.5))] && parsed.timestamp == 1_435_077_219_000_000_000 && parsed.tags.isEmpty)
        #expect(try point("cpu 1").timestamp == 42)
        #expect(try point("cpu 1 -1").timestamp == 42)
        #expect(try point("cpu 1 1435077219.25").timestamp == 1_435_077_219_250_000_000)
    }

    @Test func templatesNameMeasurementFieldAndTags() throws {
        let hostTemplate = try point("servers.localhost.cpu.loadavg.10 1 1", templates: [".host.resource.measurement*"])
        #expect(hostTemplate.measurement == "loadavg.10" && sortedTags(hostTemplate) == ["host": "localhost", "resource": "cpu"])
        let field = try point("servers.localhost.cpu.idle 1 1", templates: ["region.host.measurement.field"])
        #expect(
            field.measurement == "cpu" && field.fields.first?.key == "idle"
                && sortedTags(field) == ["region": "servers", "host": "localhost"])
        let joined = try point("us.west.cpu.load 1 1", templates: ["region.region.measurement*"], separator: "_")
        #expect(joined.measurement == "cpu_load" && sortedTags(joined) == ["region": "us_west"])
        let greedyField = try point("cpu.usage.idle.percent 1 1", templates: ["measurement.field*"])
        #expect(greedyField.measurement == "cpu" && greedyField.fields.first?.key == "usage.idle.percent")
    }

    @Test func filtersPickTheMostSpecificTemplate() throws {
        let templates = [
            "*.app env.service.resource.measurement", "stats.* .host.measurement* region=us-west,agent=sensu",
            "stats.api.* .host.service.measurement*", "measurement*",
        ]
        let app = try point("prod.app.cpu.load 1 1", templates: templates)
        #expect(app.measurement == "load" && sortedTags(app) == ["env": "prod", "service": "app", "resource": "cpu"])
        let stats = try point("stats.localhost.memory.free 1 1", templates: templates)
        #expect(stats.measurement == "memory.free" && sortedTags(stats) == ["host": "localhost", "region": "us-west", "agent": "sensu"])
        let api = try point("stats.api.web.requests 1 1", templates: templates)
        #expect(api.measurement == "requests" && sortedTags(api) == ["host": "api", "service": "web"])
        #expect(try point("other.path 1 1", templates: templates).measurement == "other.path")
    }

    @Test func configuredTagsFillInWhatTheTemplateLeaves() throws {
        let parsed = try point("servers.a.cpu 1 1", templates: ["region.host.measurement"], tags: ["region=eu", "dc=one"])
        #expect(sortedTags(parsed) == ["region": "servers", "host": "a", "dc": "one"])
    }

    @Test(arguments: [
        ("cpu", "received \"cpu\" which doesn't have required fields"),
        ("cpu 1 2 3", "received \"cpu 1 2 3\" which doesn't have required fields"),
        ("cpu abc", "field \"cpu\" value: strconv.ParseFloat: parsing \"abc\": invalid syntax"),
        ("cpu 1 soon", "field \"cpu\" time: strconv.ParseFloat: parsing \"soon\": invalid syntax"),
        ("cpu 1 99999999999", "timestamp out of range"),
        ("cpu NaN", "field \"cpu\" value: nan is unsupported"),
    ])
    func badLinesAreInfluxDBsErrors(_ line: String, _ message: String) {
        #expect(throws: GraphiteError(message)) { try point(line) }
    }

    @Test func templatesWithoutAMeasurementAreRefused() {
        #expect(throws: GraphiteError("no measurement specified for template. \"host.field\"")) {
            try GraphiteParser(templates: ["host.field"])
        }
    }
}
