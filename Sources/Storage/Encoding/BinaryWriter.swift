/// Big-endian integers and varints appended to a byte array, for the storage engine's files and WAL records.
struct BinaryWriter {
    var bytes: [UInt8] = []

    mutating func append(_ value: UInt8) { bytes.append(value) }

    mutating func append<T: FixedWidthInteger>(_ value: T) {
        let bigEndian = value.bigEndian
        withUnsafeBytes(of: bigEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func appendVarint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func appendSignedVarint(_ value: Int64) {
        appendVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// A varint length, then the bytes.
    mutating func appendBytes(_ data: some Collection<UInt8>) {
        appendVarint(UInt64(data.count))
        bytes.append(contentsOf: data)
    }

    mutating func appendBytes(_ data: UnsafeRawBufferPointer) {
        appendVarint(UInt64(data.count))
        bytes.append(contentsOf: data)
    }
}

/// Reads what `BinaryWriter` wrote; any read past the end throws `StorageError.corruptFile`.
struct BinaryReader {
    let bytes: [UInt8]
    var offset: Int
    let context: String

    init(_ bytes: [UInt8], offset: Int = 0, context: String) {
        self.bytes = bytes
        self.offset = offset
        self.context = context
    }

    var isAtEnd: Bool { offset >= bytes.count }

    private func corrupt() -> StorageError {
        StorageError(.corruptFile, "\(context): unexpected end of data at byte \(offset)")
    }

    mutating func readByte() throws -> UInt8 {
        guard offset < bytes.count else { throw corrupt() }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func read<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        let size = MemoryLayout<T>.size
        guard bytes.count - offset >= size else { throw corrupt() }
        var value: T = 0
        for index in 0..<size { value = value << 8 | T(bytes[offset + index]) }
        offset += size
        return value
    }

    mutating func readVarint() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
            guard shift < 64 else { throw corrupt() }
        }
    }

    /// A varint that must fit an `Int` (a count, a length, an incarnation); larger values can only be damage.
    mutating func readInt() throws -> Int {
        guard let value = Int(exactly: try readVarint()) else { throw corrupt() }
        return value
    }

    mutating func readSignedVarint() throws -> Int64 {
        let raw = try readVarint()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    mutating func readBytes() throws -> ArraySlice<UInt8> {
        let length = try readVarint()
        guard length <= UInt64(bytes.count - offset) else { throw corrupt() }
        defer { offset += Int(length) }
        return bytes[offset..<offset + Int(length)]
    }

    mutating func readBytes(count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - offset else { throw corrupt() }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }
}
