/// A small LZ77 byte compressor (in the spirit of Snappy) for string blocks, where tag values, log lines and
/// status texts repeat heavily.
///
/// Stream: a sequence of elements. A byte below 0x80 starts a literal run of (byte + 1) bytes, which follow.
/// A byte of 0x80 or more is a copy of ((byte & 0x7F) + 4) bytes from `offset` bytes back, the offset following as
/// a varint. The decompressed length is stored by the caller.
public enum LZCompressor {
    static let minimumMatch = 4
    static let maximumMatch = 0x7F + 4
    static let hashBits = 12

    public static func compress(_ input: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        var table = [Int32](repeating: -1, count: 1 << hashBits)
        var position = 0
        var literalStart = 0
        while position + minimumMatch <= input.count {
            let hash = Self.hash(input, position)
            let candidate = Int(table[hash])
            table[hash] = Int32(position)
            if candidate >= 0 && matches(input, candidate, position) {
                var length = minimumMatch
                while position + length < input.count && length < maximumMatch
                    && input[candidate + length] == input[position + length]
                {
                    length += 1
                }
                emitLiterals(input, literalStart, position, to: &output)
                output.append(0x80 | UInt8(length - minimumMatch))
                ByteWriter.appendVarint(UInt64(position - candidate), to: &output)
                position += length
                literalStart = position
            } else {
                position += 1
            }
        }
        emitLiterals(input, literalStart, input.count, to: &output)
    }

    public static func decompress(_ input: UnsafeRawBufferPointer, length: Int, into output: inout [UInt8]) throws(CompressionError) {
        var reader = ByteReader(input, block: "strings")
        let start = output.count
        while reader.remaining > 0 {
            let tag = try reader.readByte()
            if tag < 0x80 {
                output.append(contentsOf: try reader.readBytes(Int(tag) + 1))
            } else {
                let count = Int(tag & 0x7F) + minimumMatch
                let offset = Int(try reader.readVarint())
                guard offset > 0, offset <= output.count - start else { throw CompressionError(.corrupt, in: "strings") }
                let from = output.count - offset
                for index in 0..<count { output.append(output[from + index]) }
            }
            guard output.count - start <= length else { throw CompressionError(.corrupt, in: "strings") }
        }
        guard output.count - start == length else { throw CompressionError(.truncated, in: "strings") }
    }

    private static func emitLiterals(_ input: UnsafeRawBufferPointer, _ start: Int, _ end: Int, to output: inout [UInt8]) {
        var position = start
        while position < end {
            let count = min(128, end - position)
            output.append(UInt8(count - 1))
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[position..<position + count]))
            position += count
        }
    }

    @inline(__always)
    private static func hash(_ input: UnsafeRawBufferPointer, _ position: Int) -> Int {
        let word =
            UInt32(input[position]) | UInt32(input[position + 1]) << 8 | UInt32(input[position + 2]) << 16
            | UInt32(input[position + 3]) << 24
        return Int((word &* 2_654_435_761) >> UInt32(32 - hashBits))
    }

    @inline(__always)
    private static func matches(_ input: UnsafeRawBufferPointer, _ candidate: Int, _ position: Int) -> Bool {
        input[candidate] == input[position] && input[candidate + 1] == input[position + 1]
            && input[candidate + 2] == input[position + 2] && input[candidate + 3] == input[position + 3]
    }
}
