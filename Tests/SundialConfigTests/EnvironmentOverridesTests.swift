import Testing

@testable import SundialConfig

@Suite struct EnvironmentOverridesTests {
    @Test func kapacitorStyleVariablesOverrideTheFile() {
        let text = "[http]\nbind-address = \":9092\"\n[[influxdb]]\nname = \"a\"\nurls = [\"http://a:8086\"]\n"
        let result = ConfigLoader.parse(
            text,
            environment: [
                "KAPACITOR_HTTP_BIND_ADDRESS": "127.0.0.1:19092",
                "KAPACITOR_INFLUXDB_0_URLS_0": "http://b:8086",
                "KAPACITOR_INFLUXDB_0_DISABLE_SUBSCRIPTIONS": "true",
                "KAPACITOR_HOSTNAME": "kapa.example.com",
            ]
        )
        #expect(result.diagnostics == [])
        #expect(result.configuration.http.bindAddress == ListenAddress(host: "127.0.0.1", port: 19092))
        #expect(result.configuration.influxdb[0].urls == ["http://b:8086"])
        #expect(result.configuration.influxdb[0].disableSubscriptions)
        #expect(result.configuration.global.hostname == "kapa.example.com")
    }

    @Test func sundialPrefixWorksLikeKapacitors() {
        let result = ConfigLoader.parse(
            "",
            environment: ["SUNDIAL_DATA_DIR": "/srv/data", "SUNDIAL_STORE_MAX_SERIES_PER_DATABASE": "10"]
        )
        #expect(result.diagnostics == [])
        #expect(result.configuration.global.dataDirectory == "/srv/data")
        #expect(result.configuration.store.maxSeriesPerDatabase == 10)
    }

    @Test func anIndexOnePastTheEndAppendsAnElement() {
        let result = ConfigLoader.parse(
            "",
            environment: ["KAPACITOR_INFLUXDB_0_URLS_0": "http://remote:8086", "KAPACITOR_INFLUXDB_0_URLS_1": "http://r2:8086"]
        )
        #expect(result.diagnostics == [])
        #expect(result.configuration.influxdb.count == 1)
        #expect(result.configuration.influxdb[0].urls == ["http://remote:8086", "http://r2:8086"])
    }

    @Test func anIndexFurtherPastTheEndIsAnError() {
        let result = ConfigLoader.parse("", environment: ["KAPACITOR_INFLUXDB_2_USERNAME": "u"])
        #expect(
            result.diagnostics.map(\.description) == [
                "environment KAPACITOR_INFLUXDB_2_USERNAME: [[influxdb]]: element 2 does not exist (there are 0)"
            ])
    }

    @Test func aWholeListIsCommaSeparated() {
        let result = ConfigLoader.parse("[[influxdb]]\n", environment: ["KAPACITOR_INFLUXDB_0_URLS": "http://a:1,http://b:2"])
        #expect(result.configuration.influxdb[0].urls == ["http://a:1", "http://b:2"])
    }

    @Test func badValuesNameTheVariable() {
        let result = ConfigLoader.parse("", environment: ["KAPACITOR_HTTP_LOG_ENABLED": "maybe"])
        #expect(
            result.diagnostics.map(\.description) == [
                "environment KAPACITOR_HTTP_LOG_ENABLED: [http] log-enabled: expected a boolean (true or false), got \"maybe\""
            ])
    }

    @Test func validationProblemsPointAtTheVariableThatSetTheValue() {
        let result = ConfigLoader.parse("", environment: ["KAPACITOR_INFLUXDB_0_URLS_0": "ftp://x"])
        #expect(
            result.diagnostics.map(\.description) == [
                "environment KAPACITOR_INFLUXDB_0_URLS_0: [[influxdb]] urls: expected an http:// or https:// URL, got \"ftp://x\""
            ])
    }

    @Test func variablesThatNameNoKeyAreIgnored() {
        let result = ConfigLoader.parse("", environment: ["KAPACITOR_URL": "http://x:9092", "KAPACITOR_UNSAFE_SSL": "1"])
        #expect(result.diagnostics == [])
    }

    @Test func chronografVariablesSetTheControlPlane() {
        let result = ConfigLoader.parse(
            "[control]\nbind-address = \":8888\"\n",
            environment: [
                "HOST": "127.0.0.1", "PORT": "18888", "RESOURCES_PATH": "/etc/res", "CANNED_PATH": "/etc/canned",
                "PROTOBOARDS_PATH": "/etc/protoboards", "BASE_PATH": "/chronograf",
            ]
        )
        #expect(
            result.diagnostics.map(\.description) == [
                "environment BASE_PATH: warning: [control] basepath: not supported yet, ignored (the control plane is served at /)"
            ])
        let control = result.configuration.control
        #expect(control.bindAddress == ListenAddress(host: "127.0.0.1", port: 18888))
        #expect(control.resourcesPath == "/etc/res")
        #expect(control.cannedPath == "/etc/canned")
        #expect(control.protoboardsPath == "/etc/protoboards")
        #expect(control.basePath == "/chronograf")
    }

    @Test func aBadChronografPortIsAnError() {
        let result = ConfigLoader.parse("", environment: ["PORT": "eighty"])
        #expect(
            result.diagnostics.map(\.description) == [
                "environment PORT: [control] bind-address: expected a port number, got \"eighty\""
            ])
    }
}
