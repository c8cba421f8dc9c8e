import Testing

@testable import Alerting

struct AlertTemplateTests {
    private let data = TemplateValue.object([
        ("Name", .string("cpu")), ("Group", .string("host=a")), ("Tags", .map(["host": .string("a")])),
        ("ID", .string("cpu:host=a")), ("Fields", .map(["value": .float(91.23456)])), ("Level", .string("CRITICAL")),
        ("Time", .time(31_536_010_000_000_000)), ("Duration", .duration(90_000_000_000)),
    ])

    @Test func fieldsIndexAndPrintfRenderAsGoDoes() throws {
        let template = try AlertTemplate(
            #"{{ .ID }} is {{ .Level }} at {{ index .Fields "value" | printf "%0.2f" }} on {{ index .Tags "host" }}"#)
        #expect(try template.render(data) == "cpu:host=a is CRITICAL at 91.23 on a")
    }

    @Test func timesAndDurationsPrintInGoForms() throws {
        #expect(try AlertTemplate("{{ .Time }} for {{ .Duration }}").render(data) == "1971-01-01 00:00:10 +0000 UTC for 1m30s")
    }

    @Test func detailsEscapeHTMLAndJSONWritesTheData() throws {
        let template = try AlertTemplate("{{ json .Tags }}", escapesHTML: true)
        #expect(try template.render(data) == "{&#34;host&#34;:&#34;a&#34;}")
        #expect(try AlertTemplate("{{ json .Fields }}").render(data) == #"{"value":91.23456}"#)
    }

    @Test func trimMarkersRemoveSpaces() throws {
        #expect(try AlertTemplate("a  {{- .Name -}}  b").render(data) == "acpub")
    }

    @Test func unknownFunctionsAndFieldsAreErrors() {
        #expect(throws: AlertTemplateError.self) { try AlertTemplate("{{ nosuch .Name }}") }
        #expect(throws: AlertTemplateError.self) { try AlertTemplate("{{ .Name ").render(data) }
        #expect(throws: AlertTemplateError.self) { try AlertTemplate("{{ .Missing }}").render(data) }
    }
}

struct AlertTemplateConditionalTests {
    @Test func ifElseEndChoosesByEq() throws {
        let template = try AlertTemplate(#"{{ .ID }} is {{ if eq .Level "OK" }}alive{{ else }}dead{{ end }}."#)
        #expect(try template.render(.object([("ID", .string("n")), ("Level", .string("OK"))])) == "n is alive.")
        #expect(try template.render(.object([("ID", .string("n")), ("Level", .string("CRITICAL"))])) == "n is dead.")
    }

    @Test func unbalancedConditionalsAreErrors() {
        #expect(throws: AlertTemplateError.self) { try AlertTemplate("{{ if .A }}x") }
        #expect(throws: AlertTemplateError.self) { try AlertTemplate("x{{ end }}") }
        #expect(throws: AlertTemplateError.self) { try AlertTemplate("{{ if .A }}x{{ else }}y") }
    }
}

struct AlertTemplateRangeTests {
    private let row = TemplateValue.object([
        ("Name", .string("cpu")),
        ("Values", .list([.map(["value": .int(1), "host": .string("a")]), .map(["value": .int(2), "host": .string("b")])])),
        ("Tags", .map(["z": .string("last"), "a": .string("first")])), ("None", .list([])),
    ])

    @Test func rangeSetsTheDotToEachElement() throws {
        let template = try AlertTemplate(#"{{ .Name }}{{ range .Values }} {{ index . "host" }}={{ index . "value" }}{{ end }}"#)
        #expect(try template.render(row) == "cpu a=1 b=2")
        #expect(try AlertTemplate("{{ range .Tags }}{{ . }} {{ end }}").render(row) == "first last ", "a map by sorted key")
        #expect(try AlertTemplate("{{ range .None }}x{{ else }}empty{{ end }}").render(row) == "empty")
        #expect(throws: AlertTemplateError.self) { try AlertTemplate("{{ range .Name }}x{{ end }}").render(row) }
    }

    @Test func nestingIsBounded() throws {
        let depth = AlertTemplate.maximumDepth
        _ = try AlertTemplate(String(repeating: "{{ if 1 }}", count: depth) + String(repeating: "{{ end }}", count: depth))
        let hostile = String(repeating: "{{ range .Values }}", count: 100_000)
        #expect(throws: AlertTemplateError.self) { try AlertTemplate(hostile) }
    }
}
