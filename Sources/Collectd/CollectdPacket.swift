import TimeSeries

/// One value list of a collectd network packet: what was measured, when, and its values (one per data source of
/// its type).
public struct CollectdValueList: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case counter(UInt64)
        case gauge(Double)
        case derive(Int64)
        case absolute(UInt64)
    }

    public var host = ""
    public var plugin = ""
    public var pluginInstance = ""
    public var type = ""
    public var typeInstance = ""
    /// Nanoseconds since the epoch.
    public var time: Int64 = 0
    public var values: [Value] = []

    public init() {}
}

/// collectd's binary network protocol (version 5, as its network plugin sends it with `SecurityLevel None`): parts
/// of a type and a length, strings NUL-terminated, numbers big-endian except gauges (little-endian doubles), times
/// in seconds or in 2⁻³⁰ s. Every values part makes a value list from the parts before it. Signed parts are read
/// without checking the signature; encrypted parts and notifications are skipped. A part that does not fit ends
/// the packet: what was read before it is kept.
public enum CollectdPacket {
    public static func parse(_ bytes: [UInt8]) -> [CollectdValueList] {
        var lists: [CollectdValueList] = []
        var state = CollectdValueList()
        var offset = 0
        while bytes.count - offset >= 4 {
            let type = UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
            let length = Int(UInt16(bytes[offset + 2]) << 8 | UInt16(bytes[offset + 3]))
            guard length >= 4, length <= bytes.count - offset else { break }
            let payload = bytes[(offset + 4)..<(offset + length)]
            offset += length
            switch type {
            case 0x0000: state.host = string(payload) ?? state.host
            case 0x0002: state.plugin = string(payload) ?? state.plugin
            case 0x0003: state.pluginInstance = string(payload) ?? state.pluginInstance
            case 0x0004: state.type = string(payload) ?? state.type
            case 0x0005: state.typeInstance = string(payload) ?? state.typeInstance
            case 0x0001:
                if let seconds = number(payload), let time = Int64(exactly: seconds)?.multipliedChecked(by: 1_000_000_000) {
                    state.time = time
                }
            case 0x0008:
                if let high = number(payload) { state.time = highResolutionTime(high) }
            case 0x0006:
                guard let values = values(payload) else { return lists }
                var list = state
                list.values = values
                lists.append(list)
            case 0x0200:
                // A signed packet: signature, then the user name, then the parts it signs.
                continue
            default: continue  // interval, notifications, encryption and parts of later versions
            }
        }
        return lists
    }

    /// Seconds in the upper 34 bits and a binary fraction of a second in the lower 30, in nanoseconds rounded to the
    /// nearest (as collectd's Go library converts them), saturated.
    static func highResolutionTime(_ value: UInt64) -> Int64 {
        let seconds = value >> 30
        let nanoseconds = ((value & 0x3fff_ffff) * 1_000_000_000 + (1 << 29)) >> 30
        return Int64(exactly: seconds)?.multipliedChecked(by: 1_000_000_000)?.addingChecked(Int64(nanoseconds)) ?? .max
    }

    private static func string(_ payload: ArraySlice<UInt8>) -> String? {
        guard payload.last == 0 else { return nil }
        return String(decoding: payload.dropLast(), as: UTF8.self)
    }

    private static func number(_ payload: ArraySlice<UInt8>) -> UInt64? {
        guard payload.count == 8 else { return nil }
        return payload.reduce(0) { $0 << 8 | UInt64($1) }
    }

    private static func values(_ payload: ArraySlice<UInt8>) -> [CollectdValueList.Value]? {
        guard payload.count >= 2 else { return nil }
        let start = payload.startIndex
        let count = Int(UInt16(payload[start]) << 8 | UInt16(payload[start + 1]))
        guard payload.count == 2 + count * 9 else { return nil }
        var values: [CollectdValueList.Value] = []
        values.reserveCapacity(count)
        for index in 0..<count {
            let kind = payload[start + 2 + index]
            let field = payload[(start + 2 + count + index * 8)..<(start + 2 + count + index * 8 + 8)]
            let bigEndian = field.reduce(0) { $0 << 8 | UInt64($1) }
            switch kind {
            case 0: values.append(.counter(bigEndian))
            // Gauges alone are little-endian doubles: the bytes read as a big-endian number, swapped.
            case 1: values.append(.gauge(Double(bitPattern: bigEndian.byteSwapped)))
            case 2: values.append(.derive(Int64(bitPattern: bigEndian)))
            case 3: values.append(.absolute(bigEndian))
            default: return nil
            }
        }
        return values
    }
}
