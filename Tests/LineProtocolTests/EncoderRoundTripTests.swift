import SundialTesting
import Testing
import TimeSeries

@testable import LineProtocol

@Suite struct EncoderRoundTripTests {
    /// Names drawn from characters that need escaping somewhere, plus multi-byte UTF-8.
    private static let alphabet = Array("abcxyz019_-. ,=\"'\\#µ时")

    private static func name(_ random: inout SeededGenerator, allowLeadingHash: Bool = true) -> String {
        var text = ""
        let length = Int.random(in: 1...8, using: &random)
        while text.count < length {
            let character = alphabet.randomElement(using: &random)!
            // A backslash just before a character the parser treats as escapable would read as an escape,
            // which line protocol cannot express; InfluxDB's encoder has the same limit.
            if character == "\\" { continue }
            if text.isEmpty && (character == "#" || character == " ") && !allowLeadingHash { continue }
            text.append(character)
        }
        return text
    }

    private static func value(_ random: inout SeededGenerator) -> FieldValue {
        switch Int.random(in: 0..<5, using: &random) {
        case 0:
            let bits = random.next()
            let number = Double(bitPattern: bits)
            return .float(number.isFinite ? number : Double.random(in: -1e6...1e6, using: &random))
        case 1: return .integer(Int64(bitPattern: random.next()))
        case 2: return .unsigned(random.next())
        case 3: return .boolean(Bool.random(using: &random))
        default:
            let text = String(
                (0..<Int.random(in: 0...10, using: &random)).map { _ in
                    Array("ab \"\\\n,=x时").randomElement(using: &random)!
                })
            return .string(text)
        }
    }

    private static func point(_ random: inout SeededGenerator) -> Point {
        var tags: [String: String] = [:]
        for _ in 0..<Int.random(in: 0...4, using: &random) {
            tags[name(&random)] = name(&random)
        }
        var fieldKeys: Set<String> = []
        while fieldKeys.count < Int.random(in: 1...4, using: &random) { fieldKeys.insert(name(&random)) }
        return Point(
            measurement: name(&random, allowLeadingHash: false),
            tags: tags.map { Tag($0.key, $0.value) },
            fields: fieldKeys.sorted().map { Field($0, value(&random)) },
            timestamp: Int64.random(in: TimeBounds.minimum...TimeBounds.maximum, using: &random)
        )
    }

    @Test func randomPointsSurviveEncodeThenParse() {
        var random = SeededGenerator(seed: 7)
        let points = (0..<2000).map { _ in Self.point(&random) }
        let text = String(decoding: LineProtocolEncoder.encode(points), as: UTF8.self)
        let result = parse(text)
        #expect(result.errors == [])
        #expect(result.points.count == points.count)
        for (parsed, original) in zip(result.points, points) where parsed != original {
            Issue.record("round trip changed \(original) into \(parsed)")
            break
        }
    }

    @Test func emptyTagValuesAreLeftOutAsInfluxDBDoes() {
        let point = Point(measurement: "m", tags: [Tag("empty", ""), Tag("t", "v")], fields: [Field("f", .integer(1))], timestamp: 3)
        #expect(String(decoding: LineProtocolEncoder.encode([point]), as: UTF8.self) == "m,t=v f=1i 3\n")
    }

    @Test func everyValueTypeHasItsSuffix() {
        let point = Point(
            measurement: "m",
            fields: [
                Field("f", .float(1)), Field("i", .integer(-2)), Field("u", .unsigned(3)), Field("b", .boolean(false)),
                Field("s", .string("a\"b\\c")),
            ],
            timestamp: 0
        )
        #expect(String(decoding: LineProtocolEncoder.encode([point]), as: UTF8.self) == "m f=1.0,i=-2i,u=3u,b=false,s=\"a\\\"b\\\\c\" 0\n")
    }
}
