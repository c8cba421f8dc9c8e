import Foundation
import Testing
import TimeSeries

@testable import LineProtocol

/// Every parse error, with InfluxDB's exact text and the column where the parser stopped.
/// `1️⃣` in a line marks the expected column and is removed before parsing.
@Suite struct ErrorMessageTests {
    static let marker = "1️⃣"

    static let cases: [(String, String)] = [
        ("1️⃣,tag=a v=1", "missing measurement"),
        ("cpu1️⃣", "missing fields"),
        ("cpu,tag=a1️⃣", "missing fields"),
        ("cpu,1️⃣=a v=1", "missing tag key"),
        ("cpu,1️⃣ v=1", "missing tag key"),
        ("cpu,tag1️⃣ v=1", "missing tag value"),
        ("cpu,tag=1️⃣ v=1", "missing tag value"),
        ("cpu,tag=1️⃣,b=c v=1", "missing tag value"),
        ("cpu,tag=a1️⃣=b v=1", "invalid tag format"),
        ("cpu,a=1,1️⃣a=2 v=1", "duplicate tags"),
        ("cpu 1️⃣=1", "missing field key"),
        ("cpu a=1,1️⃣=2", "missing field key"),
        ("cpu \0\0\01️⃣=2", "missing field key"),
        ("cpu v=1️⃣", "missing field value"),
        ("cpu v=1️⃣,w=1", "missing field value"),
        ("cpu v=1️⃣ 5", "missing field value"),
        ("cpu v1️⃣", "invalid field format"),
        ("cpu v=1,w1️⃣", "invalid field format"),
        ("cpu 1️⃣", "invalid field format"),
        ("cpu v=\"abc1️⃣", "unbalanced quotes"),
        ("cpu v=11️⃣x", "invalid number"),
        ("cpu v=1.11️⃣.1", "invalid number"),
        ("cpu v=1️⃣NaN", "invalid number"),
        ("cpu v=1️⃣-", "invalid number"),
        ("cpu v=1️⃣1.5i", "invalid number"),
        ("cpu v=1️⃣9i10", "invalid number"),
        ("cpu v=1️⃣-1u", "invalid number"),
        ("cpu v=11️⃣\r", "invalid number"),
        ("cpu v=1️⃣1e", "invalid float"),
        ("cpu v=1️⃣1e500", "invalid float"),
        ("cpu v=1️⃣maybe", "invalid boolean"),
        ("cpu v=1️⃣tru", "invalid boolean"),
        ("cpu v=1️⃣+5", "invalid boolean"),
        ("cpu v=1 11️⃣.5", "bad timestamp"),
        ("cpu v=1 11️⃣\r", "bad timestamp"),
        ("cpu v=1 12 1️⃣x", "point is invalid"),
        ("m\tv=11️⃣", "missing fields"),
        (
            "cpu v=1️⃣9223372036854775808i",
            "unable to parse integer 9223372036854775808: strconv.ParseInt: parsing \"9223372036854775808\": value out of range"
        ),
        (
            "cpu v=1️⃣18446744073709551616u",
            "unable to parse unsigned 18446744073709551616: strconv.ParseUint: parsing \"18446744073709551616\": value out of range"
        ),
        ("cpu v=1 1️⃣9223372036854775807", "time outside range -9223372036854775806 - 9223372036854775806"),
        ("cpu v=1 1️⃣9300000000", "time outside range -9223372036854775806 - 9223372036854775806"),
        ("cpu v=1 1️⃣99999999999999999999", "strconv.ParseInt: parsing \"99999999999999999999\": value out of range"),
        ("cpu v=1 1️⃣-", "strconv.ParseInt: parsing \"-\": invalid syntax"),
    ]

    @Test(arguments: cases)
    func messageAndColumn(_ marked: String, _ reason: String) throws {
        let markerRange = try #require(marked.range(of: Self.marker))
        let expectedColumn = marked.utf8.distance(from: marked.startIndex, to: markerRange.lowerBound) + 1
        let line = marked.replacingCharacters(in: markerRange, with: "")
        let precision: TimeSeries.Precision = reason.hasPrefix("time outside") && line.hasSuffix("9300000000") ? .seconds : .nanoseconds
        let result = parse(line, precision: precision)
        #expect(result.points.isEmpty)
        let error = try #require(result.errors.first)
        #expect(error.description == "unable to parse '\(line)': \(reason)")
        #expect(error.line == 1)
        #expect(error.column == expectedColumn)
    }

    @Test func keysLongerThanInfluxDBsLimitAreRejected() {
        let measurement = String(repeating: "m", count: 65_536)
        #expect(parse("\(measurement) v=1").errors.first?.message == "max key length exceeded: 65536 > 65535")
        let nearLimit = String(repeating: "m", count: 65_530)
        #expect(parse("\(nearLimit) value=1").errors.first?.message == "max key length exceeded: 65539 > 65535")
    }

    @Test func theErrorQuotesTheLineAsReceivedWithoutIndentation() {
        #expect(parse("m v=1\n   bad line\n").errors.first?.description == "unable to parse 'bad line': invalid field format")
    }
}
