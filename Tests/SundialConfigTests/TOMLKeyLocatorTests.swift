import Testing

@testable import SundialConfig

@Suite struct TOMLKeyLocatorTests {
    @Test func findsKeysPerSectionAndArrayElement() {
        let source = """
            hostname = "h"
            [http]
              bind-address = ":9092"
            [[influxdb]]
              name = "a"
              [influxdb.subscriptions]
                telegraf = ["autogen"]
            [[influxdb]]
              "name" = "b"
            """
        let locator = TOMLKeyLocator(source: source)
        #expect(locator.line(section: "", index: 0, key: "hostname") == 1)
        #expect(locator.line(section: "http", index: 0, key: "bind-address") == 3)
        #expect(locator.line(section: "influxdb", index: 0, key: "name") == 5)
        #expect(locator.line(section: "influxdb", index: 0, key: "subscriptions") == 6)
        #expect(locator.line(section: "influxdb", index: 1, key: "name") == 9)
        #expect(locator.headerLine(section: "influxdb", index: 1) == 8)
        #expect(locator.headerLine(section: "http", index: 0) == 2)
    }

    @Test func skipsTheInsideOfMultiLineValues() {
        let source = """
            message = \"\"\"
            fake = 1
            \"\"\"
            urls = [
              "a",
            ]
            after = 2 # comment with [brackets
            last = 3
            """
        let locator = TOMLKeyLocator(source: source)
        #expect(locator.line(section: "", index: 0, key: "fake") == nil)
        #expect(locator.line(section: "", index: 0, key: "after") == 7)
        #expect(locator.line(section: "", index: 0, key: "last") == 8)
    }
}
