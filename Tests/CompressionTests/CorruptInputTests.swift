import SundialTesting
import Testing

@testable import Compression

/// Truncated or garbled blocks are reported as errors, never as crashes.
@Suite struct CorruptInputTests {
    private func encodedSamples() -> [(String, [UInt8], Int)] {
        var timestamps: [UInt8] = []
        [Int64(1), 5, 9, 100, 1000].withUnsafeBufferPointer { TimestampBlock.encode($0, to: &timestamps) }
        var floats: [UInt8] = []
        [1.5, 2.25, 3.0, 3.0, -7].withUnsafeBufferPointer { FloatBlock.encode($0, to: &floats) }
        var integers: [UInt8] = []
        [Int64(1), 2, 3, -100, 5].withUnsafeBufferPointer { IntegerBlock.encode($0, to: &integers) }
        var strings: [UInt8] = []
        StringBlock.encode(["aaaa", "aaaa", "aaaab", "x", "aaaa"], to: &strings)
        return [("timestamps", timestamps, 5), ("floats", floats, 5), ("integers", integers, 5), ("strings", strings, 5)]
    }

    private func decode(_ kind: String, _ bytes: [UInt8], count: Int) throws {
        try bytes.withUnsafeBytes { raw in
            switch kind {
            case "timestamps":
                var out: [Int64] = []
                try TimestampBlock.decode(raw, count: count, into: &out)
            case "floats":
                var out: [Double] = []
                try FloatBlock.decode(raw, count: count, into: &out)
            case "integers":
                var out: [Int64] = []
                try IntegerBlock.decode(raw, count: count, into: &out)
            default:
                var out: [String] = []
                try StringBlock.decode(raw, count: count, into: &out)
            }
        }
    }

    @Test func everyTruncationThrowsOrDecodes() {
        for (kind, bytes, count) in encodedSamples() {
            for length in 0..<bytes.count {
                #expect(throws: CompressionError.self, "\(kind) cut to \(length) bytes") {
                    try decode(kind, Array(bytes[..<length]), count: count)
                }
            }
        }
    }

    @Test func randomByteFlipsNeverCrash() {
        var random = SeededGenerator(seed: 8)
        for (kind, bytes, count) in encodedSamples() {
            for _ in 0..<2000 {
                var damaged = bytes
                damaged[Int.random(in: 0..<damaged.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                _ = try? decode(kind, damaged, count: count)
                _ = try? decode(kind, damaged, count: Int.random(in: 0...50, using: &random))
            }
        }
    }
}
