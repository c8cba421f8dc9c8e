/// Writes MessagePack as the Go library InfluxDB uses (tinylib/msgp) writes it, so answers match byte for byte:
/// the smallest header for each string, array and map; integers in the smallest *signed* form for `int64` values
/// (a positive 200 is `int16`, not `uint8`) and the smallest unsigned form for `uint64`; floats always as 64-bit;
/// times as msgp's extension 5 (seconds and nanoseconds since the epoch, big-endian).
struct MessagePackWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    mutating func mapHeader(_ count: Int) {
        header(count, fixed: 0x80, fixedLimit: 15, sixteen: 0xde, thirtyTwo: 0xdf)
    }

    mutating func arrayHeader(_ count: Int) {
        header(count, fixed: 0x90, fixedLimit: 15, sixteen: 0xdc, thirtyTwo: 0xdd)
    }

    mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            if utf8.count <= 31 {
                bytes.append(0xa0 | UInt8(utf8.count))
            } else if utf8.count <= Int(UInt8.max) {
                bytes.append(0xd9)
                bytes.append(UInt8(utf8.count))
            } else {
                header(utf8.count, fixed: 0, fixedLimit: -1, sixteen: 0xda, thirtyTwo: 0xdb)
            }
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func integer(_ value: Int64) {
        switch value {
        case 0...127: bytes.append(UInt8(value))
        case 128...Int64(Int16.max): bigEndian(0xd1, UInt16(value))
        case Int64(Int16.max) + 1...Int64(Int32.max): bigEndian(0xd2, UInt32(value))
        case -32..<0: bytes.append(UInt8(bitPattern: Int8(value)))
        case Int64(Int8.min) ..< -32: bigEndian(0xd0, UInt8(bitPattern: Int8(value)))
        case Int64(Int16.min)..<Int64(Int8.min): bigEndian(0xd1, UInt16(bitPattern: Int16(value)))
        case Int64(Int32.min)..<Int64(Int16.min): bigEndian(0xd2, UInt32(bitPattern: Int32(value)))
        default: bigEndian(0xd3, UInt64(bitPattern: value))
        }
    }

    mutating func unsigned(_ value: UInt64) {
        switch value {
        case 0...127: bytes.append(UInt8(value))
        case 128...UInt64(UInt8.max): bigEndian(0xcc, UInt8(value))
        case UInt64(UInt8.max) + 1...UInt64(UInt16.max): bigEndian(0xcd, UInt16(value))
        case UInt64(UInt16.max) + 1...UInt64(UInt32.max): bigEndian(0xce, UInt32(value))
        default: bigEndian(0xcf, value)
        }
    }

    mutating func float(_ value: Double) { bigEndian(0xcb, value.bitPattern) }

    mutating func boolean(_ value: Bool) { bytes.append(value ? 0xc3 : 0xc2) }

    mutating func null() { bytes.append(0xc0) }

    /// msgp's time extension: `ext8`, length 12, type 5, then whole seconds (floored) and the nanoseconds past them.
    mutating func time(nanoseconds: Int64) {
        let (seconds, remainder) = nanoseconds.quotientAndRemainder(dividingBy: 1_000_000_000)
        let floored = remainder < 0 ? (seconds - 1, remainder + 1_000_000_000) : (seconds, remainder)
        bytes.append(contentsOf: [0xc7, 12, 5])
        appendBigEndian(UInt64(bitPattern: floored.0))
        appendBigEndian(UInt32(floored.1))
    }

    private mutating func header(_ count: Int, fixed: UInt8, fixedLimit: Int, sixteen: UInt8, thirtyTwo: UInt8) {
        if count <= fixedLimit {
            bytes.append(fixed | UInt8(count))
        } else if count <= Int(UInt16.max) {
            bigEndian(sixteen, UInt16(count))
        } else {
            // Answers are far below 4 GiB; a larger count is clamped rather than trapping.
            bigEndian(thirtyTwo, UInt32(clamping: count))
        }
    }

    private mutating func bigEndian(_ marker: UInt8, _ value: some FixedWidthInteger) {
        bytes.append(marker)
        appendBigEndian(value)
    }

    private mutating func appendBigEndian(_ value: some FixedWidthInteger) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }
}
