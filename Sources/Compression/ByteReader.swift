/// Reads fixed-width and variable-length integers from a byte buffer, front to back, with bounds checks that
/// turn a short buffer into `CompressionError.truncated` instead of a crash.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0
    let block: String

    init(_ bytes: UnsafeRawBufferPointer, block: String) {
        self.bytes = bytes
        self.block = block
    }

    var remaining: Int { bytes.count - offset }

    mutating func readByte() throws(CompressionError) -> UInt8 {
        guard offset < bytes.count else { throw CompressionError(.truncated, in: block) }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// Big-endian, so blocks read the same on every machine.
    mutating func readUInt64() throws(CompressionError) -> UInt64 {
        guard remaining >= 8 else { throw CompressionError(.truncated, in: block) }
        var value: UInt64 = 0
        for index in 0..<8 { value = value << 8 | UInt64(bytes[offset + index]) }
        offset += 8
        return value
    }

    mutating func readVarint() throws(CompressionError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            if shift == 63 && byte > 1 { throw CompressionError(.corrupt, in: block) }
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
            if shift > 63 { throw CompressionError(.corrupt, in: block) }
        }
    }

    mutating func readBytes(_ count: Int) throws(CompressionError) -> UnsafeRawBufferPointer {
        guard count >= 0, remaining >= count else { throw CompressionError(.truncated, in: block) }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }
}

/// The writing side of `ByteReader`.
enum ByteWriter {
    static func appendUInt64(_ value: UInt64, to output: inout [UInt8]) {
        for shift in stride(from: 56, through: 0, by: -8) { output.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    static func appendVarint(_ value: UInt64, to output: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            output.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        output.append(UInt8(value))
    }
}

/// ZigZag maps signed to unsigned so small magnitudes of either sign become small numbers: 0, -1, 1, -2 → 0, 1, 2, 3.
enum ZigZag {
    @inline(__always) static func encode(_ value: Int64) -> UInt64 { UInt64(bitPattern: (value << 1) ^ (value >> 63)) }
    @inline(__always) static func decode(_ value: UInt64) -> Int64 { Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1) }
}
