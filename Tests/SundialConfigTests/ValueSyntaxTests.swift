import Testing

@testable import SundialConfig

@Suite struct ValueSyntaxTests {
    @Test(arguments: [
        ("10s", Int64(10_000_000_000)), ("1m30s", 90_000_000_000), ("1.5h", 5_400_000_000_000), ("0", 0),
        ("250ms", 250_000_000), ("3us", 3000), ("3µs", 3000), ("-2s", -2_000_000_000), ("1h0m0s", 3_600_000_000_000),
    ])
    func goDurationsParse(_ text: String, _ nanoseconds: Int64) {
        #expect(ConfigDuration(parsing: text)?.nanoseconds == nanoseconds)
    }

    @Test(arguments: ["", "10", "s", "10x", "1..5s", "1m 30s", "--1s"])
    func malformedDurationsAreRejected(_ text: String) {
        #expect(ConfigDuration(parsing: text) == nil)
    }

    @Test(arguments: [
        (Int64(0), "0s"), (10_000_000_000, "10s"), (60_000_000_000, "1m0s"), (3_600_000_000_000, "1h0m0s"),
        (90_500_000_000, "1m30.5s"), (250_000_000, "250ms"), (1500, "1.5µs"), (12, "12ns"),
    ])
    func durationsPrintAsGoDoes(_ nanoseconds: Int64, _ text: String) {
        #expect(ConfigDuration(nanoseconds: nanoseconds).description == text)
    }

    @Test func listenAddressesParseGoSpellings() {
        #expect(ListenAddress(parsing: ":9092") == ListenAddress(host: "", port: 9092))
        #expect(ListenAddress(parsing: ":9092")?.bindHost == "0.0.0.0")
        #expect(ListenAddress(parsing: "127.0.0.1:8086") == ListenAddress(host: "127.0.0.1", port: 8086))
        #expect(ListenAddress(parsing: "[::1]:8888") == ListenAddress(host: "::1", port: 8888))
        #expect(ListenAddress(parsing: "[::1]:8888")?.description == "[::1]:8888")
        #expect(ListenAddress(parsing: "localhost") == nil)
        #expect(ListenAddress(parsing: ":99999") == nil)
        #expect(ListenAddress(parsing: "::1:80") == nil)
    }

    @Test func logLevelsIgnoreCase() {
        #expect(LogLevelSetting(parsing: "INFO") == .info)
        #expect(LogLevelSetting(parsing: "Warning") == .warn)
        #expect(LogLevelSetting(parsing: "verbose") == nil)
    }

    @Test func basePathsFollowChronografsRule() {
        #expect(ControlSection.isValidBasePath("/chronograf"))
        #expect(ControlSection.isValidBasePath("/a/b-c_d"))
        #expect(!ControlSection.isValidBasePath("chronograf"))
        #expect(!ControlSection.isValidBasePath("/"))
        #expect(!ControlSection.isValidBasePath("/a/"))
        #expect(!ControlSection.isValidBasePath("/a b"))
    }

    @Test func suggestionsFindNearKeysOnly() {
        #expect(KeySuggestion.nearest(to: "bind-adress", among: ["bind-address", "auth-enabled"]) == "bind-address")
        #expect(KeySuggestion.nearest(to: "colour", among: ["bind-address", "auth-enabled"]) == nil)
        #expect(KeySuggestion.editDistance("", "abc") == 3)
    }
}

struct TextOrNumberTableTests {
    @Test func zenossSeveritiesAreNamesOrNumbers() {
        let loaded = ConfigLoader.parse(
            "[zenoss]\nseverity-map = { OK = 0, Info = \"Info\", Warning = 3, Critical = 5 }\n", environment: [:])
        #expect(!loaded.hasErrors)
        let map = loaded.configuration.zenoss.severityMap.entries
        #expect(map["OK"] == .int(0) && map["Info"] == .string("Info") && map["Critical"] == .int(5))
        let refused = ConfigLoader.parse(
            "[zenoss]\nseverity-map = { OK = 0.5, Info = \"I\", Warning = 3, Critical = 5 }\n", environment: [:])
        #expect(refused.hasErrors, "a fraction is no Zenoss severity")
    }
}
