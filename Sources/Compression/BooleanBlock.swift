/// Booleans, one bit each, most significant bit first in each byte.
public enum BooleanBlock {
    public static func encode(_ values: UnsafeBufferPointer<Bool>, to output: inout [UInt8]) {
        var byte: UInt8 = 0
        for (index, value) in values.enumerated() {
            if value { byte |= 0x80 >> UInt8(index % 8) }
            if index % 8 == 7 {
                output.append(byte)
                byte = 0
            }
        }
        if values.count % 8 != 0 { output.append(byte) }
    }

    public static func decode(_ bytes: UnsafeRawBufferPointer, count: Int, into output: inout [Bool]) throws(CompressionError) {
        guard bytes.count >= (count + 7) / 8 else { throw CompressionError(.truncated, in: "booleans") }
        for index in 0..<count {
            output.append(bytes[index / 8] & (0x80 >> UInt8(index % 8)) != 0)
        }
    }
}
