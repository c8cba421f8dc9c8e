/// An SNMPv2c trap message in BER, as Kapacitor's snmptrap service sends it: the community, a random request id, and
/// the varbinds `sysUpTime.0` (always TimeTicks 1000, as Kapacitor sends), `snmpTrapOID.0`, then the data.
struct SNMPTrap {
    enum Value {
        case integer(Int64)
        case octetString([UInt8])
        case null
        case objectIdentifier([UInt64])
        case timeTicks(UInt32)
        case counter64(UInt64)
    }

    let community: String
    let trapOID: [UInt64]
    let data: [(oid: [UInt64], value: Value)]
    var requestID = Int64(Int32.random(in: 1...Int32.max))

    static let sysUpTime: [UInt64] = [1, 3, 6, 1, 2, 1, 1, 3, 0]
    static let snmpTrapOID: [UInt64] = [1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0]

    /// `1.3.6.1.4.1.1` as its arcs; nil unless it has at least two numeric arcs that BER can encode.
    static func parseOID(_ text: String) -> [UInt64]? {
        let trimmed = text.hasPrefix(".") ? String(text.dropFirst()) : text
        let arcs = trimmed.split(separator: ".", omittingEmptySubsequences: false).map { UInt64($0) }
        guard arcs.count >= 2, arcs.allSatisfy({ $0 != nil }) else { return nil }
        let values = arcs.map { $0! }
        guard values[0] <= 2, values[1] < 40 || values[0] == 2, values[1] <= UInt64.max - 80 else { return nil }
        return values
    }

    var bytes: [UInt8] {
        var varbinds = [(Self.sysUpTime, Value.timeTicks(1000)), (Self.snmpTrapOID, .objectIdentifier(trapOID))]
        varbinds += data.map { ($0.oid, $0.value) }
        let bindings = varbinds.map { Self.tlv(0x30, Self.encode(.objectIdentifier($0.0)) + Self.encode($0.1)) }
        let pdu = Self.tlv(
            0xA7,
            Self.encode(.integer(requestID)) + Self.encode(.integer(0)) + Self.encode(.integer(0)) + Self.tlv(0x30, bindings.flatMap { $0 })
        )
        return Self.tlv(0x30, Self.encode(.integer(1)) + Self.encode(.octetString(Array(community.utf8))) + pdu)
    }

    private static func encode(_ value: Value) -> [UInt8] {
        switch value {
        case .integer(let number): return tlv(0x02, signed(number))
        case .octetString(let octets): return tlv(0x04, octets)
        case .null: return [0x05, 0x00]
        case .objectIdentifier(let arcs):
            var content = base128(arcs[0] * 40 + arcs[1])
            for arc in arcs.dropFirst(2) { content += base128(arc) }
            return tlv(0x06, content)
        case .timeTicks(let ticks): return tlv(0x43, unsigned(UInt64(ticks)))
        case .counter64(let count): return tlv(0x46, unsigned(count))
        }
    }

    private static func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        [tag] + length(content.count) + content
    }

    private static func length(_ count: Int) -> [UInt8] {
        guard count >= 0x80 else { return [UInt8(count)] }
        var bytes: [UInt8] = []
        var rest = count
        while rest > 0 {
            bytes.insert(UInt8(rest & 0xFF), at: 0)
            rest >>= 8
        }
        return [0x80 | UInt8(bytes.count)] + bytes
    }

    /// Two's complement in the fewest bytes.
    private static func signed(_ number: Int64) -> [UInt8] {
        var bytes = withUnsafeBytes(of: number.bigEndian) { Array($0) }
        while bytes.count > 1, (bytes[0] == 0 && bytes[1] & 0x80 == 0) || (bytes[0] == 0xFF && bytes[1] & 0x80 != 0) { bytes.removeFirst() }
        return bytes
    }

    /// An unsigned number in the fewest bytes, with a leading zero when its top bit is set.
    private static func unsigned(_ number: UInt64) -> [UInt8] {
        var bytes = withUnsafeBytes(of: number.bigEndian) { Array($0) }
        while bytes.count > 1, bytes[0] == 0, bytes[1] & 0x80 == 0 { bytes.removeFirst() }
        if bytes[0] & 0x80 != 0 { bytes.insert(0, at: 0) }
        return bytes
    }

    private static func base128(_ number: UInt64) -> [UInt8] {
        var bytes = [UInt8(number & 0x7F)]
        var rest = number >> 7
        while rest > 0 {
            bytes.insert(UInt8(rest & 0x7F) | 0x80, at: 0)
            rest >>= 7
        }
        return bytes
    }
}
