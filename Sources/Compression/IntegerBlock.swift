/// Signed and unsigned integers: the first value, then deltas ZigZag-encoded and Simple-8b packed (counters and
/// gauges that move by small steps shrink to a few bits), or raw 8-byte values when a delta is too wide.
///
/// Layout: one byte (0 raw, 1 Simple-8b, 2 run-length), then the first value ZigZag-encoded as a varint and either
/// the packed deltas or, when every delta is the same (a steady counter), that delta as a ZigZag varint; raw
/// stores every value as 8 big-endian bytes.
public enum IntegerBlock {
    static let raw: UInt8 = 0
    static let simple8b: UInt8 = 1
    static let runLength: UInt8 = 2

    public static func encode(_ values: UnsafeBufferPointer<Int64>, to output: inout [UInt8]) {
        guard let first = values.first else { return }
        var deltas: [UInt64] = []
        deltas.reserveCapacity(values.count)
        for index in 1..<values.count {
            let zigzag = ZigZag.encode(values[index] &- values[index - 1])
            guard zigzag <= Simple8b.maximumValue else {
                output.append(raw)
                for value in values { ByteWriter.appendUInt64(UInt64(bitPattern: value), to: &output) }
                return
            }
            deltas.append(zigzag)
        }
        if deltas.count > 1 && deltas.allSatisfy({ $0 == deltas[0] }) {
            output.append(runLength)
            ByteWriter.appendVarint(ZigZag.encode(first), to: &output)
            ByteWriter.appendVarint(deltas[0], to: &output)
            return
        }
        output.append(simple8b)
        ByteWriter.appendVarint(ZigZag.encode(first), to: &output)
        deltas.withUnsafeBufferPointer { Simple8b.encode($0, to: &output) }
    }

    public static func decode(_ bytes: UnsafeRawBufferPointer, count: Int, into output: inout [Int64]) throws(CompressionError) {
        guard count > 0 else { return }
        var reader = ByteReader(bytes, block: "integers")
        switch try reader.readByte() {
        case raw:
            for _ in 0..<count { output.append(Int64(bitPattern: try reader.readUInt64())) }
        case simple8b:
            var current = ZigZag.decode(try reader.readVarint())
            output.append(current)
            var deltas: [UInt64] = []
            deltas.reserveCapacity(count - 1)
            try Simple8b.decode(&reader, count: count - 1, into: &deltas)
            for delta in deltas {
                current = current &+ ZigZag.decode(delta)
                output.append(current)
            }
        case runLength:
            let first = ZigZag.decode(try reader.readVarint())
            let delta = ZigZag.decode(try reader.readVarint())
            for index in 0..<count { output.append(first &+ Int64(index) &* delta) }
        case let other:
            throw CompressionError(.unknownEncoding(other), in: "integers")
        }
    }

    /// Unsigned values share the signed encoding through their bit patterns (deltas wrap the same way).
    public static func encode(_ values: UnsafeBufferPointer<UInt64>, to output: inout [UInt8]) {
        let signed = values.map { Int64(bitPattern: $0) }
        signed.withUnsafeBufferPointer { encode($0, to: &output) }
    }

    public static func decode(_ bytes: UnsafeRawBufferPointer, count: Int, into output: inout [UInt64]) throws(CompressionError) {
        var signed: [Int64] = []
        signed.reserveCapacity(count)
        try decode(bytes, count: count, into: &signed)
        output.append(contentsOf: signed.lazy.map { UInt64(bitPattern: $0) })
    }
}
