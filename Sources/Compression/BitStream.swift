/// Appends bit fields to a byte array, most significant bit first; used by the float (Gorilla) encoder.
///
/// Bits gather in a 64-bit accumulator and go out eight bytes at a time; `finish()` writes the partial last word.
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    private var accumulator: UInt64 = 0
    private var pendingBits = 0

    init(reservingBytes capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends the low `count` bits of `value` (0...64).
    mutating func write(_ value: UInt64, bits count: Int) {
        guard count > 0 else { return }
        let bits = count == 64 ? value : value & ((1 << UInt64(count)) - 1)
        if pendingBits + count <= 64 {
            accumulator = accumulator << UInt64(count) | bits
            pendingBits += count
        } else {
            let first = 64 - pendingBits
            let rest = count - first
            accumulator = accumulator << UInt64(first) | bits >> UInt64(rest)
            flushWord()
            accumulator = bits & ((1 << UInt64(rest)) - 1)
            pendingBits = rest
        }
        if pendingBits == 64 {
            flushWord()
            accumulator = 0
            pendingBits = 0
        }
    }

    mutating func writeBit(_ bit: Bool) {
        write(bit ? 1 : 0, bits: 1)
    }

    /// Writes out the bits still in the accumulator, padding the last byte with zeros.
    mutating func finish() {
        guard pendingBits > 0 else { return }
        let aligned = accumulator << UInt64(64 - pendingBits)
        for index in 0..<(pendingBits + 7) / 8 { bytes.append(UInt8(truncatingIfNeeded: aligned >> UInt64(56 - 8 * index))) }
        accumulator = 0
        pendingBits = 0
    }

    private mutating func flushWord() {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: accumulator >> UInt64(shift))) }
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
