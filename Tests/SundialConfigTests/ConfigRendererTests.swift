import Testing

@testable import SundialConfig

@Suite struct ConfigRendererTests {
    @Test func secretsAreMaskedAndOtherValuesShown() {
        let text = """
            [http]
              shared-secret = "jwt-secret"
            [[influxdb]]
              name = "cloud"
              username = "alice"
              password = "hunter2"
              token = "tok-123"
            [control]
              token-secret = "session-secret"
            """
        let rendered = ConfigRenderer.render(ConfigLoader.parse(text, environment: [:]).configuration)
        for secret in ["jwt-secret", "hunter2", "tok-123", "session-secret"] {
            #expect(!rendered.contains(secret))
        }
        #expect(rendered.contains("username = \"alice\""))
        #expect(rendered.contains("password = \"********\""))
        #expect(rendered.contains("[[influxdb]]\nenabled = true\nname = \"cloud\""))
    }

    @Test func emptySecretsStayVisiblyEmpty() {
        let rendered = ConfigRenderer.render(SundialConfiguration())
        #expect(rendered.contains("shared-secret = \"\""))
    }

    @Test func renderedDefaultsLoadBackToTheSameValues() {
        var configuration = SundialConfiguration()
        configuration.influxdb = [InfluxDBSection()]
        configuration.influxdb[0].subscriptions = ["telegraf": ["autogen", "weekly"]]
        configuration.global.hostname = "quote\"d"
        let reloaded = ConfigLoader.parse(ConfigRenderer.render(configuration), environment: [:])
        #expect(reloaded.diagnostics == [])
        #expect(ConfigRenderer.render(reloaded.configuration) == ConfigRenderer.render(configuration))
        #expect(reloaded.configuration.influxdb[0].subscriptions == ["telegraf": ["autogen", "weekly"]])
        #expect(reloaded.configuration.global.hostname == "quote\"d")
    }
}
