import Testing

@testable import ControlService

@Suite struct EnvironmentTemplateTests {
    @Test func placeholdersAreFilledAndJSONEscaped() throws {
        let filled = try EnvironmentTemplate.fill(
            #"{"p": "{{ .PASS }}", "u": "{{.USER}}", "x": "{{ not a var }}"}"#, environment: ["PASS": "a\"b\\c&+<", "USER": "me"])
        #expect(filled == #"{"p": "a\"b\\c&+<", "u": "me", "x": "{{ not a var }}"}"#)
    }

    @Test func aMissingVariableIsNamed() {
        #expect(throws: EnvironmentTemplate.MissingVariable.self) { try EnvironmentTemplate.fill("{{ .GONE }}", environment: [:]) }
        do {
            _ = try EnvironmentTemplate.fill("{{ .GONE }}", environment: [:])
        } catch {
            #expect(error.description == "environment variable GONE is not set")
        }
    }
}
