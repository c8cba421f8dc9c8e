import Foundation
import Logging
import Testing

@testable import ServerLogging

@Suite struct LineLogHandlerTests {
    @Test func timestampsAreUTCWithMilliseconds() {
        #expect(LogTimestamp.format(millisecondsSinceEpoch: 0) == "1970-01-01T00:00:00.000Z")
        #expect(LogTimestamp.format(millisecondsSinceEpoch: 1_795_305_845_123) == "2026-11-22T00:04:05.123Z")
        #expect(LogTimestamp.format(millisecondsSinceEpoch: 951_782_400_000) == "2000-02-29T00:00:00.000Z")
    }

    @Test func durationsAreMillisecondsWithThreeDecimals() {
        #expect(RequestDurationText.milliseconds(.microseconds(412)) == "0.412ms")
        #expect(RequestDurationText.milliseconds(.milliseconds(1234)) == "1234.000ms")
        #expect(RequestDurationText.milliseconds(.microseconds(5)) == "0.005ms")
    }

    @Test func linesGoToTheFileWithLabelLevelAndMetadata() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("log-\(UUID().uuidString).log").path
        let output = try LogOutput.appending(to: path)
        var logger = Logger(label: "store") { label in LineLogHandler(label: label, level: .info, output: output) }
        logger[metadataKey: "service"] = "store"
        logger.info("GET /ping 204 0.100ms", metadata: ["request": "7"])
        logger.debug("not at this level")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines[0].hasSuffix(" info store: GET /ping 204 0.100ms request=7 service=store"))
    }

    @Test func anUnopenableFileSaysWhy() {
        #expect(throws: LogOutputError.self) { try LogOutput.appending(to: "/nonexistent-dir/x.log") }
    }
}
