import Testing
import TimeSeries

@testable import LineProtocol

@Suite struct PointParsingTests {
    @Test func telegrafCPULine() throws {
        let line =
            "cpu,cpu=cpu0,host=server01,region=us-west usage_user=0.5025125628140703,usage_idle=99.1,"
            + "usage_system=2i,busy=true,note=\"ok\" 1590000000000000000"
        let point = try #require(parseOne(line))
        #expect(point.measurement == "cpu")
        #expect(point.tags == [Tag("cpu", "cpu0"), Tag("host", "server01"), Tag("region", "us-west")])
        #expect(
            point.fields == [
                Field("usage_user", .float(0.5025125628140703)), Field("usage_idle", .float(99.1)),
                Field("usage_system", .integer(2)), Field("busy", .boolean(true)), Field("note", .string("ok")),
            ])
        #expect(point.timestamp == 1_590_000_000_000_000_000)
    }

    @Test(arguments: [
        ("m v=1", FieldValue.float(1)), ("m v=1.", .float(1)), ("m v=.5", .float(0.5)), ("m v=-1.5e3", .float(-1500)),
        ("m v=1E+78", .float(1e78)), ("m v=1e-5", .float(1e-5)), ("m v=-0", .float(-0.0)),
        ("m v=12i", .integer(12)), ("m v=-9223372036854775808i", .integer(Int64.min)),
        ("m v=9223372036854775807i", .integer(Int64.max)), ("m v=18446744073709551615u", .unsigned(UInt64.max)),
        ("m v=0u", .unsigned(0)),
        ("m v=t", .boolean(true)), ("m v=T", .boolean(true)), ("m v=true", .boolean(true)), ("m v=True", .boolean(true)),
        ("m v=TRUE", .boolean(true)), ("m v=f", .boolean(false)), ("m v=F", .boolean(false)), ("m v=false", .boolean(false)),
        ("m v=False", .boolean(false)), ("m v=FALSE", .boolean(false)),
        ("m v=\"\"", .string("")), ("m v=\"a b,c=d\"", .string("a b,c=d")), ("m v=\"q\\\"uote\"", .string("q\"uote")),
        ("m v=\"back\\\\slash\"", .string("back\\slash")), ("m v=\"keep\\n\"", .string("keep\\n")),
        ("m v=\"multi\nline\"", .string("multi\nline")),
        ("m v=0.1234567890123456789", .float(0.1234567890123456789)), ("m v=123456789012345678901234", .float(1.2345678901234568e23)),
    ])
    func fieldValues(_ line: String, _ expected: FieldValue) throws {
        let point = try #require(parseOne(line), "\(line) did not parse")
        #expect(point.fields == [Field("v", expected)])
    }

    @Test func escapingInEveryComponent() throws {
        let point = try #require(parseOne(#"my\ measure\,ment,tag\ key\,=tag\=value\ x field\=key\ =1,"q"=2 5"#))
        #expect(point.measurement == "my measure,ment")
        #expect(point.tags == [Tag("tag key,", "tag=value x")])
        #expect(point.fields.map(\.key) == ["field=key ", "\"q\""])
        #expect(point.timestamp == 5)
    }

    @Test func unknownEscapesKeepTheirBackslash() throws {
        let point = try #require(parseOne(#"m\eas,t=v\al field_k\ey=1"#))
        #expect(point.measurement == #"m\eas"#)
        #expect(point.tags == [Tag("t", #"v\al"#)])
        #expect(point.fields.map(\.key) == [#"field_k\ey"#])
    }

    @Test func quotesInMeasurementsAndTagsAreLiteral() throws {
        let point = try #require(parseOne(#""m",t="v" f=1"#))
        #expect(point.measurement == #""m""#)
        #expect(point.tags == [Tag("t", #""v""#)])
    }

    @Test func tagsAreSortedAndTheSeriesKeyIsCanonical() throws {
        var parser = LineProtocolParser()
        var keys: [String] = []
        let bytes = Array("cpu,z=1,a=2,m=3 v=1\ncpu,a=2,m=3,z=1 v=1\n".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            parser.parse(
                buffer, precision: .nanoseconds, defaultTimestamp: 0,
                onPoint: { keys.append(String(decoding: $0.seriesKey, as: UTF8.self)) }, onError: { _ in }
            )
        }
        #expect(keys == ["cpu,a=2,m=3,z=1", "cpu,a=2,m=3,z=1"])
    }

    @Test func timestampsScaleByPrecision() {
        #expect(parseOne("m v=1 3", precision: .microseconds)?.timestamp == 3_000)
        #expect(parseOne("m v=1 3", precision: .milliseconds)?.timestamp == 3_000_000)
        #expect(parseOne("m v=1 3", precision: .seconds)?.timestamp == 3_000_000_000)
        #expect(parseOne("m v=1 3", precision: .minutes)?.timestamp == 180_000_000_000)
        #expect(parseOne("m v=1 3", precision: .hours)?.timestamp == 10_800_000_000_000)
        #expect(parseOne("m v=1 -3", precision: .seconds)?.timestamp == -3_000_000_000)
    }

    @Test func missingTimestampUsesTheDefault() {
        #expect(parse("m v=1").points.first?.timestamp == 42)
        #expect(parse("m v=1   ").points.first?.timestamp == 42)
    }

    @Test func whitespaceCommentsAndBlankLines() {
        let text = "\n  \t\n# a comment\n  # indented comment\n\t m v=1\n\0m v=2\nm  v=3  4  \n\n"
        let result = parse(text)
        #expect(result.errors == [])
        #expect(result.points.map(\.measurement) == ["m", "m", "m"])
        #expect(result.points.last?.timestamp == 4)
    }

    @Test func duplicateFieldKeysAreKeptInOrderAndTheLastWins() throws {
        let point = try #require(parseOne("m v=1,v=2i"))
        #expect(point.field("v") == .integer(2))
    }

    @Test func goodLinesAroundBadOnesAreParsed() {
        let result = parse("m v=1\nbad\nm v=2\nm v=\nm v=3")
        #expect(result.points.count == 3)
        #expect(result.errors.map(\.line) == [2, 4])
    }

    @Test func lineNumbersCountNewlinesInsideStrings() {
        let result = parse("m v=\"a\nb\"\nbad line\n")
        #expect(result.points.count == 1)
        #expect(result.errors.map(\.line) == [3])
    }

    @Test func emptyInputIsNothing() {
        let result = parse("")
        #expect(result.points.isEmpty && result.errors.isEmpty)
    }
}
