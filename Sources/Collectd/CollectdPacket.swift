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

/// collectd's binary network protocol (version 5): parts of a type and a length, strings NUL-terminated, numbers
/// big-endian except gauges (little-endian doubles), times in seconds or in 2⁻³⁰ s. Every values part makes a value
/// list from the parts before it. Signed and encrypted parts are checked and kept as `CollectdSecurity` says;
/// notifications are skipped. A part that does not fit ends the packet: what was read before it is kept.
public enum CollectdPacket {
    /// Encrypted parts inside encrypted parts, at most.
    static let maximumNesting = 8

    public static func parse(_ bytes: [UInt8], security: CollectdSecurity = .none) -> [CollectdValueList] {
        var lists: [CollectdValueList] = []
        return parse(bytes[...], at: .none, security, nesting: 0, into: &lists) ? lists : []
    }

    /// Adds the value lists of `bytes`, read at `level`, that `security` takes; false when the packet is lost (a
    /// signature or an encryption that does not check out).
    private static func parse(
        _ bytes: ArraySlice<UInt8>, at level: CollectdSecurity.Level, _ security: CollectdSecurity, nesting: Int,
        into lists: inout [CollectdValueList]
    ) -> Bool {
        var state = CollectdValueList()
        var offset = bytes.startIndex
        while bytes.endIndex - offset >= 4 {
            let type = UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
            let length = Int(UInt16(bytes[offset + 2]) << 8 | UInt16(bytes[offset + 3]))
            guard length >= 4, length <= bytes.endIndex - offset else { break }
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
                guard let values = values(payload) else { return true }
                var list = state
                list.values = values
                if security.level <= level { lists.append(list) }
            case 0x0200:
                // Signed: the signature covers the user name and every part after it, which are read as signed.
                // (collectd's Go library then reads them again unsigned, so with `none` InfluxDB writes them twice.)
                let rest = bytes[offset...]
                guard security.verifies(signature: payload, over: rest) else { return false }
                return parse(rest, at: max(level, .sign), security, nesting: nesting, into: &lists)
            case 0x0210:
                guard nesting < maximumNesting, let parts = security.decrypt(payload),
                    parse(parts[...], at: .encrypt, security, nesting: nesting + 1, into: &lists)
                else { return false }
            default: continue  // interval, notifications and parts of later versions
            }
        }
        return true
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
