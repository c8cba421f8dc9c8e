/// Floats compressed as in Facebook's Gorilla paper: each value XORed with the previous one, and only the
/// meaningful bits of the XOR stored. Slowly changing series shrink to a few bits per value.
///
/// Layout: the first value's 64 bits, then per value a `0` bit (same as the previous), or `1` then either `0` and
/// the XOR's bits inside the previous leading/trailing-zero window, or `1`, 5 bits of leading zeros, 6 bits of
/// length (0 means 64), and that many bits.
public enum FloatBlock {
    public static func encode(_ values: UnsafeBufferPointer<Double>, to output: inout [UInt8]) {
        guard let first = values.first else { return }
        var writer = BitWriter(reservingBytes: values.count * 4)
        var previous = first.bitPattern
        writer.write(previous, bits: 64)
        var leading = Int.max
        var trailing = 0
        for value in values.dropFirst() {
            let bits = value.bitPattern
            let xor = bits ^ previous
            previous = bits
            if xor == 0 {
                writer.writeBit(false)
                continue
            }
            writer.writeBit(true)
            let newLeading = min(xor.leadingZeroBitCount, 31)
            let newTrailing = xor.trailingZeroBitCount
            if leading != Int.max && newLeading >= leading && newTrailing >= trailing {
                writer.writeBit(false)
                writer.write(xor >> UInt64(trailing), bits: 64 - leading - trailing)
            } else {
                leading = newLeading
                trailing = newTrailing
                let length = 64 - leading - trailing
                writer.writeBit(true)
                writer.write(UInt64(leading), bits: 5)
                writer.write(UInt64(length & 63), bits: 6)
                writer.write(xor >> UInt64(trailing), bits: length)
            }
        }
        writer.finish()
        output.append(contentsOf: writer.bytes)
    }

    public static func decode(_ bytes: UnsafeRawBufferPointer, count: Int, into output: inout [Double]) throws(CompressionError) {
        guard count > 0 else { return }
        var reader = BitReader(bytes, block: "floats")
        var previous = try reader.read(bits: 64)
        output.append(Double(bitPattern: previous))
        var leading = 0
        var trailing = 0
        for _ in 1..<count {
            if try reader.readBit() {
                if try reader.readBit() {
                    leading = Int(try reader.read(bits: 5))
                    var length = Int(try reader.read(bits: 6))
                    if length == 0 { length = 64 }
                    guard leading + length <= 64 else { throw CompressionError(.corrupt, in: "floats") }
                    trailing = 64 - leading - length
                }
                let length = 64 - leading - trailing
                previous ^= try reader.read(bits: length) << UInt64(trailing)
            }
            output.append(Double(bitPattern: previous))
        }
    }
}
