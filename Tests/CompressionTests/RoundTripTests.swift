import SundialTesting
import Testing

@testable import Compression

/// Every encoder's output decodes to exactly its input, for random data and for the shapes real series have.
@Suite struct RoundTripTests {
    private func roundTrip(_ values: [Int64]) throws -> (decoded: [Int64], size: Int) {
        var bytes: [UInt8] = []
        values.withUnsafeBufferPointer { TimestampBlock.encode($0, to: &bytes) }
        var decoded: [Int64] = []
        try bytes.withUnsafeBytes { raw in try TimestampBlock.decode(raw, count: values.count, into: &decoded) }
        // A bounded decode gives exactly the times at or before the bound.
        for bound in values.isEmpty ? [] : [values[0] - 1, values[0], values[values.count / 2], values[values.count - 1]] {
            var prefix: [Int64] = []
            try bytes.withUnsafeBytes { raw in try TimestampBlock.decode(raw, count: values.count, into: &prefix, upTo: bound) }
            #expect(prefix == values.filter { $0 <= bound }, "bound \(bound)")
        }
        return (decoded, bytes.count)
    }

    @Test func regularTimestampsShrinkToARunLength() throws {
        let values = (0..<1000).map { 1_577_836_800_000_000_000 + Int64($0) * 10_000_000_000 }
        let (decoded, size) = try roundTrip(values)
        #expect(decoded == values)
        #expect(size <= 12)
    }

    @Test func jitteredTimestampsUseSimple8b() throws {
        var random = SeededGenerator(seed: 1)
        var current: Int64 = 1_600_000_000_000_000_000
        let values = (0..<1000).map { _ in
            current += 1_000_000_000 + Int64.random(in: 0...999, using: &random) * 1_000_000
            return current
        }
        let (decoded, size) = try roundTrip(values)
        #expect(decoded == values)
        #expect(size < values.count * 3)
    }

    @Test func randomSortedTimestampsIncludingExtremes() throws {
        var random = SeededGenerator(seed: 2)
        for length in [1, 2, 3, 7, 240, 241, 1000] {
            let values = (0..<length).map { _ in Int64.random(in: Int64.min / 2...Int64.max / 2, using: &random) }.sorted()
            #expect(try roundTrip(values).decoded == values)
        }
        #expect(try roundTrip([Int64.min + 2, Int64.max - 1]).decoded == [Int64.min + 2, Int64.max - 1])
        #expect(try roundTrip([5, 5, 5]).decoded == [5, 5, 5])
    }

    @Test func floatsRoundTripBitForBit() throws {
        var random = SeededGenerator(seed: 3)
        let series: [[Double]] = [
            (0..<1000).map { _ in Double.random(in: 0...100, using: &random) },
            (0..<1000).map { Double($0 / 10) },
            (0..<500).map { _ in Double(bitPattern: random.next()) },
            [0, -0.0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, .greatestFiniteMagnitude],
            [42],
        ]
        for values in series {
            var bytes: [UInt8] = []
            values.withUnsafeBufferPointer { FloatBlock.encode($0, to: &bytes) }
            var decoded: [Double] = []
            try bytes.withUnsafeBytes { raw in try FloatBlock.decode(raw, count: values.count, into: &decoded) }
            #expect(decoded.map(\.bitPattern) == values.map(\.bitPattern))
        }
    }

    @Test func constantFloatsCostAboutABitEach() {
        let values = [Double](repeating: 21.5, count: 1000)
        var bytes: [UInt8] = []
        values.withUnsafeBufferPointer { FloatBlock.encode($0, to: &bytes) }
        #expect(bytes.count <= 8 + 1000 / 8 + 1)
    }

    @Test func integersSignedAndUnsigned() throws {
        var random = SeededGenerator(seed: 4)
        let series: [[Int64]] = [
            (0..<1000).map { Int64($0) * 3 + 7 },
            (0..<1000).map { _ in Int64.random(in: -1000...1000, using: &random) },
            (0..<300).map { _ in Int64(bitPattern: random.next()) },
            [Int64.min, Int64.max, 0, -1, Int64.min],
            [9],
        ]
        for values in series {
            var bytes: [UInt8] = []
            values.withUnsafeBufferPointer { IntegerBlock.encode($0, to: &bytes) }
            var decoded: [Int64] = []
            try bytes.withUnsafeBytes { raw in try IntegerBlock.decode(raw, count: values.count, into: &decoded) }
            #expect(decoded == values)
        }
        let unsigned: [UInt64] = [0, UInt64.max, 1 << 63, 12, 12, 13]
        var bytes: [UInt8] = []
        unsigned.withUnsafeBufferPointer { IntegerBlock.encode($0, to: &bytes) }
        var decoded: [UInt64] = []
        try bytes.withUnsafeBytes { raw in try IntegerBlock.decode(raw, count: unsigned.count, into: &decoded) }
        #expect(decoded == unsigned)
    }

    @Test func counterIntegersPackTightly() {
        let values = (0..<1000).map { Int64(1_000_000 + $0) }
        var bytes: [UInt8] = []
        values.withUnsafeBufferPointer { IntegerBlock.encode($0, to: &bytes) }
        #expect(bytes.count < 100)
    }

    @Test func booleans() throws {
        var random = SeededGenerator(seed: 5)
        for length in [1, 7, 8, 9, 1000] {
            let values = (0..<length).map { _ in Bool.random(using: &random) }
            var bytes: [UInt8] = []
            values.withUnsafeBufferPointer { BooleanBlock.encode($0, to: &bytes) }
            #expect(bytes.count == (length + 7) / 8)
            var decoded: [Bool] = []
            try bytes.withUnsafeBytes { raw in try BooleanBlock.decode(raw, count: length, into: &decoded) }
            #expect(decoded == values)
        }
    }

    @Test func stringsRepetitiveAndRandom() throws {
        var random = SeededGenerator(seed: 6)
        let series: [[String]] = [
            (0..<1000).map { "status=ok host=server-\($0 % 10) message=all systems nominal" },
            (0..<200).map { _ in
                String(
                    (0..<Int.random(in: 0...40, using: &random)).map { _ in
                        Character(Unicode.Scalar(UInt8.random(in: 32...126, using: &random)))
                    })
            },
            ["", "", "时间", String(repeating: "x", count: 100_000)],
        ]
        for values in series {
            var bytes: [UInt8] = []
            StringBlock.encode(values, to: &bytes)
            var decoded: [String] = []
            try bytes.withUnsafeBytes { raw in try StringBlock.decode(raw, count: values.count, into: &decoded) }
            #expect(decoded == values)
        }
        var repetitive: [UInt8] = []
        StringBlock.encode(series[0], to: &repetitive)
        #expect(repetitive.count < series[0].reduce(0) { $0 + $1.utf8.count } / 10)
    }
}
