/// The protobuf wire format, as far as Prometheus' remote storage messages need it: varints, 64-bit values and
/// length-delimited fields; fields a message does not know are skipped, as protobuf readers do.
struct ProtobufReader {
    enum WireType: UInt64 {
        case varint = 0
        case fixed64 = 1
        case lengthDelimited = 2
        case fixed32 = 5
    }

    private let bytes: ArraySlice<UInt8>
    private var offset: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        offset = bytes.startIndex
    }

    var isAtEnd: Bool { offset >= bytes.endIndex }

    /// The next field's number and wire type.
    mutating func field() throws(RemoteStorageError) -> (number: UInt64, type: WireType) {
        let key = try varint()
        guard let type = WireType(rawValue: key & 7), key >> 3 > 0 else { throw RemoteStorageError("invalid field key") }
        return (key >> 3, type)
    }

    mutating func varint() throws(RemoteStorageError) -> UInt64 {
        var value: UInt64 = 0
        for shift in stride(from: UInt64(0), to: 70, by: 7) {
            guard offset < bytes.endIndex else { throw RemoteStorageError("unexpected end of message") }
            let byte = bytes[offset]
            offset += 1
            guard shift < 63 || byte <= 1 else { throw RemoteStorageError("varint overflows 64 bits") }
            value |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return value }
        }
        throw RemoteStorageError("varint overflows 64 bits")
    }

    mutating func fixed64() throws(RemoteStorageError) -> UInt64 {
        guard bytes.endIndex - offset >= 8 else { throw RemoteStorageError("unexpected end of message") }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
        offset += 8
        return value
    }

    mutating func lengthDelimited() throws(RemoteStorageError) -> ArraySlice<UInt8> {
        let length = try varint()
        guard length <= UInt64(bytes.endIndex - offset) else { throw RemoteStorageError("unexpected end of message") }
        let start = offset
        offset += Int(length)
        return bytes[start..<offset]
    }

    mutating func string() throws(RemoteStorageError) -> String {
        let slice = try lengthDelimited()
        guard let text = String(validating: slice, as: UTF8.self) else { throw RemoteStorageError("string is not valid UTF-8") }
        return text
    }

    mutating func skip(_ type: WireType) throws(RemoteStorageError) {
        switch type {
        case .varint: _ = try varint()
        case .fixed64: _ = try fixed64()
        case .lengthDelimited: _ = try lengthDelimited()
        case .fixed32:
            guard bytes.endIndex - offset >= 4 else { throw RemoteStorageError("unexpected end of message") }
            offset += 4
        }
    }

    /// Requires `type` for a field the message knows.
    static func expect(_ type: WireType, _ actual: WireType) throws(RemoteStorageError) {
        guard type == actual else { throw RemoteStorageError("field has the wrong wire type") }
    }
}

/// Builds protobuf messages field by field.
struct ProtobufWriter {
    private(set) var bytes: [UInt8] = []

    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7f) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func key(_ number: UInt64, _ type: ProtobufReader.WireType) { varint(number << 3 | type.rawValue) }

    mutating func int64(_ number: UInt64, _ value: Int64) {
        key(number, .varint)
        varint(UInt64(bitPattern: value))
    }

    mutating func double(_ number: UInt64, _ value: Double) {
        key(number, .fixed64)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ number: UInt64, _ value: String) { message(number, Array(value.utf8)) }

    mutating func message(_ number: UInt64, _ value: [UInt8]) {
        key(number, .lengthDelimited)
        varint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }
}

/// A body that is not a valid remote storage request, in words for the 400 answer.
public struct RemoteStorageError: Error, Equatable, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
