/// How a record sits in a segment: 4 bytes payload length and 4 bytes CRC-32C of the payload (both
/// little-endian), then the payload. A frame cut short or with a wrong checksum marks the end of the good data.
enum WALRecordFrame {
    static let headerSize = 8
    /// Larger lengths can only come from damage; replay treats them as the end of the segment.
    static let maximumPayload = 256 << 20

    /// The 8 header bytes of a frame for `payload`.
    static func header(for payload: UnsafeRawBufferPointer) -> [UInt8] {
        var header: [UInt8] = []
        header.reserveCapacity(headerSize)
        appendLittleEndian(UInt32(payload.count), to: &header)
        appendLittleEndian(CRC32C.checksum(payload), to: &header)
        return header
    }

    private static func appendLittleEndian(_ value: UInt32, to output: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { output.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    static func readLittleEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(bytes[offset + index]) << UInt32(8 * index) }
        return value
    }
}
