import Testing
import TimeSeries

@testable import Storage

/// A block read only up to a time gives exactly the full decode's values up to it.
@Suite struct BlockCodecTests {
    private static let times: [Int64] = (0..<1_000).map { Int64($0) * 10 }

    @Test(arguments: [FieldType.float, .integer, .unsigned, .boolean, .string])
    func readingUpToATimeKeepsThePrefix(_ type: FieldType) throws {
        let values: FieldColumn.Values =
            switch type {
            case .float: .floats(Self.times.map { Double($0) * 1.5 + 0.25 })
            case .integer: .integers(Self.times.map { $0 * 7 - 3_000 })
            case .unsigned: .unsigneds(Self.times.map { UInt64($0) * 3 })
            case .boolean: .booleans(Self.times.map { $0 % 20 == 0 })
            case .string: .strings(Self.times.map { "v\($0)" })
            }
        let column = FieldColumn(type: type, times: Self.times, values: values)
        let bytes = BlockCodec.encode(column)
        let full = try BlockCodec.decode(bytes, context: "test")
        #expect(full == column)
        for bound: Int64 in [-1, 0, 5, 995, 4_999, 9_990, 20_000] {
            let partial = try BlockCodec.decode(bytes, context: "test", upTo: bound)
            let kept = Self.times.partitioningIndex { $0 > bound }
            let expected = [FieldType.boolean, .string].contains(type) ? full : full.slice(0..<kept)
            #expect(partial == expected, "bound \(bound)")
        }
    }
}
