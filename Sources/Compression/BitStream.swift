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

    /// The next `count` bits (0...64), most significant first. Reads a whole big-endian word at a time: this is
    /// the inner loop of float decoding.
    mutating func read(bits count: Int) throws(CompressionError) -> UInt64 {
        guard count > 0 else { return 0 }
        guard bitOffset + count <= bytes.count * 8 else { throw CompressionError(.truncated, in: block) }
        let byteIndex = bitOffset >> 3
        let used = bitOffset & 7
        bitOffset += count
        let window = word(at: byteIndex) &<< UInt64(used)
        let value = window &>> UInt64(64 - count)
        let missing = used + count - 64
        guard missing > 0 else { return value }
        // The word held only 64 − used of the bits: the rest are the top of the following byte.
        return value | UInt64(bytes[byteIndex + 8] &>> UInt8(8 - missing))
    }

    mutating func readBit() throws(CompressionError) -> Bool {
        guard bitOffset < bytes.count * 8 else { throw CompressionError(.truncated, in: block) }
        let byte = bytes[bitOffset >> 3]
        let bit = (byte &>> UInt8(7 - bitOffset & 7)) & 1
        bitOffset += 1
        return bit == 1
    }

    /// Eight bytes from `index` as a big-endian word, zero-padded past the end.
    private func word(at index: Int) -> UInt64 {
        if index + 8 <= bytes.count { return UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)) }
        var word: UInt64 = 0
        for offset in 0..<8 { word = word &<< 8 | UInt64(index + offset < bytes.count ? bytes[index + offset] : 0) }
        return word
    }
}
