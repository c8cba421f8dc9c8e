/// Strings: each as a varint length and its UTF-8 bytes, the whole run then LZ-compressed when that is smaller.
///
/// Layout: one byte (0 plain, 1 compressed); for compressed, the plain length as a varint and the LZ stream;
/// for plain, the run itself.
public enum StringBlock {
    static let plain: UInt8 = 0
    static let compressed: UInt8 = 1

    public static func encode(_ values: some Collection<String>, to output: inout [UInt8]) {
        var run: [UInt8] = []
        for value in values {
            ByteWriter.appendVarint(UInt64(value.utf8.count), to: &run)
            run.append(contentsOf: value.utf8)
        }
        var packed: [UInt8] = []
        ByteWriter.appendVarint(UInt64(run.count), to: &packed)
        run.withUnsafeBytes { LZCompressor.compress($0, to: &packed) }
        if packed.count < run.count {
            output.append(compressed)
            output.append(contentsOf: packed)
        } else {
            output.append(plain)
            output.append(contentsOf: run)
        }
    }

    public static func decode(_ bytes: UnsafeRawBufferPointer, count: Int, into output: inout [String]) throws(CompressionError) {
        guard count > 0 else { return }
        var reader = ByteReader(bytes, block: "strings")
        var run: [UInt8] = []
        switch try reader.readByte() {
        case plain:
            run.append(contentsOf: try reader.readBytes(reader.remaining))
        case compressed:
            let length = try reader.readVarint()
            guard length <= UInt64(Int32.max) else { throw CompressionError(.corrupt, in: "strings") }
            // The length comes from the block: reserve what a sane block needs and let a damaged one fail in decoding.
            run.reserveCapacity(min(Int(length), 1 << 20))
            try LZCompressor.decompress(try reader.readBytes(reader.remaining), length: Int(length), into: &run)
        case let other:
            throw CompressionError(.unknownEncoding(other), in: "strings")
        }
        do {
            try run.withUnsafeBytes { buffer in
                var strings = ByteReader(buffer, block: "strings")
                for _ in 0..<count {
                    let length = try strings.readVarint()
                    guard length <= UInt64(strings.remaining) else { throw CompressionError(.truncated, in: "strings") }
                    output.append(String(decoding: try strings.readBytes(Int(length)), as: UTF8.self))
                }
            }
        } catch let error as CompressionError {
            throw error
        } catch {
            throw CompressionError(.corrupt, in: "strings")
        }
    }
}
