/// Time-sorted nanosecond timestamps: deltas from the previous value, divided by their largest common power of ten,
/// then run-length encoded when all equal (regular sampling) or Simple-8b packed; raw 8-byte values otherwise.
///
/// Layout: one byte, encoding in the high nibble (0 raw, 1 Simple-8b, 2 run-length) and log10 of the divisor in
/// the low nibble; then the first timestamp (8 bytes, big-endian); then for run-length the delta as a varint, or
/// for Simple-8b the packed deltas, or for raw the remaining values. The count is stored by the caller.
public enum TimestampBlock {
    static let raw: UInt8 = 0
    static let simple8b: UInt8 = 1
    static let runLength: UInt8 = 2

    /// `values` must be sorted ascending.
    public static func encode(_ values: UnsafeBufferPointer<Int64>, to output: inout [UInt8]) {
        guard let first = values.first else { return }
        var deltas: [UInt64] = []
        deltas.reserveCapacity(values.count)
        var isSorted = true
        for index in 1..<values.count {
            let (delta, overflow) = values[index].subtractingReportingOverflow(values[index - 1])
            if delta < 0 || overflow {
                isSorted = false
                break
            }
            deltas.append(UInt64(delta))
        }
        guard isSorted else {
            encodeRaw(values, to: &output)
            return
        }
        var exponent = 12
        var divisor: UInt64 = 1_000_000_000_000
        while exponent > 0 && !deltas.allSatisfy({ $0 % divisor == 0 }) {
            exponent -= 1
            divisor /= 10
        }
        for index in deltas.indices { deltas[index] /= divisor }
        if deltas.count > 1, deltas.allSatisfy({ $0 == deltas[0] }) {
            output.append(runLength << 4 | UInt8(exponent))
            ByteWriter.appendUInt64(UInt64(bitPattern: first), to: &output)
            ByteWriter.appendVarint(deltas[0], to: &output)
        } else if deltas.allSatisfy({ $0 <= Simple8b.maximumValue }) {
            output.append(simple8b << 4 | UInt8(exponent))
            ByteWriter.appendUInt64(UInt64(bitPattern: first), to: &output)
            deltas.withUnsafeBufferPointer { Simple8b.encode($0, to: &output) }
        } else {
            encodeRaw(values, to: &output)
        }
    }

    private static func encodeRaw(_ values: UnsafeBufferPointer<Int64>, to output: inout [UInt8]) {
        output.append(raw << 4)
        for value in values { ByteWriter.appendUInt64(UInt64(bitPattern: value), to: &output) }
    }

    /// Appends the block's timestamps to `output`, stopping after the last one at or before `bound` (they are sorted;
    /// a read of a block's start needs only its first few).
    public static func decode(
        _ bytes: UnsafeRawBufferPointer,
        count: Int,
        into output: inout [Int64],
        upTo bound: Int64 = .max
    ) throws(CompressionError) {
        guard count > 0 else { return }
        var reader = ByteReader(bytes, block: "timestamps")
        let header = try reader.readByte()
        let exponent = Int(header & 0x0F)
        guard exponent <= 12 else { throw CompressionError(.corrupt, in: "timestamps") }
        var divisor: Int64 = 1
        for _ in 0..<exponent { divisor *= 10 }
        let first = Int64(bitPattern: try reader.readUInt64())
        switch header >> 4 {
        case raw:
            guard first <= bound else { return }
            output.append(first)
            for _ in 1..<max(count, 1) {
                let time = Int64(bitPattern: try reader.readUInt64())
                if time > bound { return }
                output.append(time)
            }
        case runLength:
            let delta = Int64(bitPattern: try reader.readVarint()) &* divisor
            for index in 0..<count {
                let time = first &+ Int64(index) &* delta
                if time > bound { return }
                output.append(time)
            }
        case simple8b:
            var deltas: [UInt64] = []
            deltas.reserveCapacity(count - 1)
            try Simple8b.decode(&reader, count: count - 1, into: &deltas)
            guard first <= bound else { return }
            var current = first
            output.append(current)
            for delta in deltas {
                current = current &+ Int64(bitPattern: delta) &* divisor
                if current > bound { return }
                output.append(current)
            }
        default:
            throw CompressionError(.unknownEncoding(header >> 4), in: "timestamps")
        }
    }
}
