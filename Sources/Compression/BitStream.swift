/// Appends bit fields to a byte array, most significant bit first; used by the float (Gorilla) encoder.
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    /// Bits used in the last byte (0 means the last byte is full or there is none).
    private var usedInLastByte = 0

    init(reservingBytes capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    mutating func write(_ value: UInt64, bits count: Int) {
        var remaining = count
        while remaining > 0 {
            if usedInLastByte == 0 { bytes.append(0) }
            let free = 8 - usedInLastByte
            let take = min(free, remaining)
            let chunk = UInt8(truncatingIfNeeded: (value >> UInt64(remaining - take)) & ((1 << UInt64(take)) - 1))
            bytes[bytes.count - 1] |= chunk << UInt8(free - take)
            usedInLastByte = (usedInLastByte + take) % 8
            remaining -= take
        }
    }

    mutating func writeBit(_ bit: Bool) {
        write(bit ? 1 : 0, bits: 1)
    }
}

/// Reads what `BitWriter` wrote.
struct BitReader {
    private let bytes: UnsafeRawBufferPointer
    private var bitOffset = 0
    private let block: String

    init(_ bytes: UnsafeRawBufferPointer, block: String) {
        self.bytes = bytes
        self.block = block
    }

    mutating func read(bits count: Int) throws(CompressionError) -> UInt64 {
        guard bitOffset + count <= bytes.count * 8 else { throw CompressionError(.truncated, in: block) }
        var value: UInt64 = 0
        var remaining = count
        while remaining > 0 {
            let byte = bytes[bitOffset >> 3]
            let used = bitOffset & 7
            let take = min(8 - used, remaining)
            let chunk = (UInt64(byte) >> UInt64(8 - used - take)) & ((1 << UInt64(take)) - 1)
            value = value << UInt64(take) | chunk
            bitOffset += take
            remaining -= take
        }
        return value
    }

    mutating func readBit() throws(CompressionError) -> Bool {
        try read(bits: 1) == 1
    }
}
