/// Simple-8b: packs runs of small unsigned integers into 64-bit words, a 4-bit selector and 60 bits of payload.
///
/// Selector n holds `counts[n]` values of `bits[n]` bits each. Selectors 0 and 1 hold 240 and 120 copies of the
/// value 1 with no payload, which makes regular timestamp deltas (all 1 after dividing by the interval) nearly free.
/// Values must be below 2^60; callers fall back to raw encoding otherwise.
public enum Simple8b {
    public static let maximumValue: UInt64 = (1 << 60) - 1
    static let counts: [Int] = [240, 120, 60, 30, 20, 15, 12, 10, 8, 7, 6, 5, 4, 3, 2, 1]
    static let bits: [UInt64] = [0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 30, 60]

    /// Appends the words for `values` (each ≤ `maximumValue`), big-endian, to `output`.
    public static func encode(_ values: UnsafeBufferPointer<UInt64>, to output: inout [UInt8]) {
        var start = 0
        while start < values.count {
            let (selector, count) = bestSelector(values, from: start)
            var word = UInt64(selector) << 60
            let width = bits[selector]
            if width > 0 {
                for index in 0..<count { word |= values[start + index] << (UInt64(index) * width) }
            }
            ByteWriter.appendUInt64(word, to: &output)
            start += count
        }
    }

    /// The selector that packs the most of the values starting at `start`.
    private static func bestSelector(_ values: UnsafeBufferPointer<UInt64>, from start: Int) -> (Int, Int) {
        let available = values.count - start
        for selector in 0..<2 where available >= counts[selector] {
            var allOnes = true
            for index in start..<start + counts[selector] where values[index] != 1 {
                allOnes = false
                break
            }
            if allOnes { return (selector, counts[selector]) }
        }
        for selector in 2..<16 {
            let count = min(counts[selector], available)
            // A partial last word is allowed only for the widest selector that fits all remaining values.
            let limit: UInt64 = bits[selector] == 64 ? .max : (1 << bits[selector]) - 1
            var fits = true
            for index in start..<start + count where values[index] > limit {
                fits = false
                break
            }
            if fits && (count == counts[selector] || count == available) { return (selector, count) }
        }
        return (15, 1)
    }

    /// Decodes exactly `count` values from `reader` into `output`.
    static func decode(_ reader: inout ByteReader, count: Int, into output: inout [UInt64]) throws(CompressionError) {
        var decoded = 0
        while decoded < count {
            let word = try reader.readUInt64()
            let selector = Int(word >> 60)
            let width = bits[selector]
            let take = min(counts[selector], count - decoded)
            if width == 0 {
                for _ in 0..<take { output.append(1) }
            } else {
                let mask: UInt64 = (1 << width) - 1
                for index in 0..<take { output.append((word >> (UInt64(index) * width)) & mask) }
            }
            decoded += take
        }
    }
}
