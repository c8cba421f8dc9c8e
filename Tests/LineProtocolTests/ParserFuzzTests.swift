import SundialTesting
import Testing
import TimeSeries

@testable import LineProtocol

/// Random and mutated input never crashes or hangs the parser, and every error says where it is.
@Suite struct ParserFuzzTests {
    static let seedLines = [
        "cpu,host=a,region=b usage=0.5,idle=99i,busy=true,note=\"x y\" 1590000000000000000",
        "m\\ x,t\\,k=v\\=1 f\\ k=\"q\\\"\",g=-1.5e3,h=7u",
        "# comment", "m v=\"multi\nline\"", "weather,loc=\"q\" temp=1 -5",
    ]

    private static let interestingBytes: [UInt8] = Array(" ,=\"\\\n\r\t#-.eEiu0123456789abctfTF".utf8) + [0, 0xFF, 0xC3]

    private func check(_ bytes: [UInt8]) {
        var parser = LineProtocolParser()
        let lineCount = bytes.split(separator: 10, omittingEmptySubsequences: false).count
        bytes.withUnsafeBufferPointer { buffer in
            parser.parse(
                buffer, precision: .nanoseconds, defaultTimestamp: 0,
                onPoint: { point in
                    #expect(!point.fields.isEmpty)
                    _ = point.makePoint()
                },
                onError: { error in
                    #expect(error.line >= 1 && error.line <= lineCount)
                    #expect(error.column >= 1 && error.column <= error.text.utf8.count + 1)
                    #expect(!error.message.isEmpty)
                }
            )
        }
    }

    @Test func mutatedLines() {
        var random = SeededGenerator(seed: 2024)
        for _ in 0..<30_000 {
            var bytes = Array(Self.seedLines.randomElement(using: &random)!.utf8)
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let position = Int.random(in: 0...bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0 where position < bytes.count: bytes.remove(at: position)
                case 1 where position < bytes.count: bytes[position] = Self.interestingBytes.randomElement(using: &random)!
                default: bytes.insert(Self.interestingBytes.randomElement(using: &random)!, at: position)
                }
            }
            check(bytes)
        }
    }

    @Test func randomBytes() {
        var random = SeededGenerator(seed: 77)
        for _ in 0..<5_000 {
            let bytes = (0..<Int.random(in: 0...120, using: &random)).map { _ in Self.interestingBytes.randomElement(using: &random)! }
            check(bytes)
        }
    }
}
