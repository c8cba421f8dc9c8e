import Foundation
import Logging
import SundialConfig
import Testing
import TimeSeries

@testable import Alerting

/// Handler options under Kapacitor's names, workspaces chosen as Kapacitor chooses them, and the payloads the
/// e2e suite checks against local stand-ins, here without the network.
struct HandlerCatalogTests {
    private let logger = Logger(label: "test")

    private func event(_ level: AlertLevel) -> AlertEvent {
        let state = EventState(level: level, message: "m", details: "", time: 1_000_000_000, duration: 0)
        return AlertEvent(
            topic: "t", id: "id", state: state, previousLevel: .ok, recoverable: true,
            data: [ResultSeries(name: "cpu", tags: ["host": "h1"], columns: ["time", "v"], values: [[.time(1_000_000_000), .float(1)]])],
            taskName: "task")
    }

    @Test func tickscriptPropertyNamesAreKapacitorsOptionNames() {
        #expect(HandlerOptions.optionName("iconEmoji") == "icon-emoji")
        #expect(HandlerOptions.optionName("avatarURL") == "avatar-url")
        #expect(HandlerOptions.optionName("channelURL") == "channel-url")
        #expect(HandlerOptions.optionName("routingKey") == "routing-key")
        #expect(HandlerOptions.optionName("uRL") == "url" && HandlerOptions.optionName("uRLTitle") == "url-title")
        #expect(
            AlertHandlerCatalog.kind(ofProperty: "pagerDuty2") == "pagerduty2" && AlertHandlerCatalog.kind(ofProperty: "email") == "smtp")
    }

    @Test func workspacesAreChosenByNameOrTheDefault() throws {
        var first = SlackSection()
        first.workspace = "a"
        var second = SlackSection()
        second.workspace = "b"
        second.isDefault = true
        var configuration = SundialConfiguration()
        configuration.slack = [first, second]
        let services = HandlerServices(configuration: configuration)
        let chosen = try SlackHandler(options: HandlerOptions(["workspace": .string("a")]), services: services, logger: logger)
        #expect(try chosen.workspace.workspace == "a")
        #expect(try SlackHandler(options: HandlerOptions(), services: services, logger: logger).workspace.workspace == "b")
        #expect(throws: HandlerRefusal.self) {
            try SlackHandler(options: HandlerOptions(["workspace": .string("zz")]), services: services, logger: logger)
        }
        // Without any [[slack]], Kapacitor's default workspace (off) is there: the handler is made, events are not sent.
        #expect(try SlackHandler(options: HandlerOptions(), services: HandlerServices(), logger: logger).workspace.enabled == false)
    }

    @Test func pagerDuty2TriggersAndResolvesByLevel() throws {
        let links: HandlerOptions.Value = .list([.object(["href": .string("http://x/{{ .TaskName }}")])])
        let handler = try PagerDuty2Handler(options: HandlerOptions(["links": links]), services: HandlerServices(), logger: logger)
        let critical = try handler.payload(event(.critical)).json
        #expect(critical.contains(#""event_action":"trigger""#) && critical.contains(#""severity":"critical""#))
        #expect(critical.contains(#""source":"h1""#) && critical.contains(#""class":"task""#))
        #expect(critical.contains(#""timestamp":"1970-01-01T00:00:01.000000000Z""#))
        #expect(critical.contains(#""links":[{"href":"http://x/task","text":"http://x/task"}]"#))
        let ok = try handler.payload(event(.ok)).json
        #expect(ok.contains(#""event_action":"resolve""#) && ok.contains(#""severity":"info""#))
    }

    @Test func topicOptionsFromJSONKeepBooleansApartFromNumbers() {
        let options = HandlerOptions(json: ["flag": true, "count": 1, "name": "x", "list": ["a", "b"]])
        #expect(options["flag"] == .bool(true) && options["count"] == .number(1) && options.strings("list") == ["a", "b"])
    }
}

/// The mail as gomail writes it.
struct EmailMessageTests {
    @Test func quotedPrintableKeepsLinesShortAndEscapesWhatMustBe() {
        #expect(EmailHandler.quotedPrintable("a=b café") == "a=3Db caf=C3=A9")
        #expect(EmailHandler.quotedPrintable("end \nnext") == "end=20\r\nnext")
        let long = EmailHandler.quotedPrintable(String(repeating: "x", count: 100))
        #expect(long.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 })
    }

    @Test func aSubjectOutsideASCIIIsEncoded() {
        #expect(EmailHandler.encodedHeader("plain") == "plain")
        #expect(EmailHandler.encodedHeader("café ok") == "=?UTF-8?q?caf=C3=A9_ok?=")
        let long = EmailHandler.encodedHeader(String(repeating: "é", count: 40))
        #expect(long.components(separatedBy: "\r\n ").allSatisfy { $0.count <= 75 && $0.hasPrefix("=?UTF-8?q?") })
        #expect(EmailHandler.isPlainAddress("a@example.com") && !EmailHandler.isPlainAddress("a@x\r\nBcc: b@x"))
        #expect(!EmailHandler.isPlainAddress("a@x>\r\nRCPT TO:<b@x"))
    }
}
