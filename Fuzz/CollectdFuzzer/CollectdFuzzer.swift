import Collectd
import FuzzSupport

/// Any datagram to the collectd listener: parsing it (with every user's password known, so signatures are checked
/// and encrypted parts decrypted) and mapping its value lists (both ways, against collectd's own common types) never
/// trap.
public func collectdFuzzer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let lists = CollectdPacket.parse(Array(UnsafeBufferPointer(start: data, count: size)), security: security)
    _ = CollectdPoints.lines(lists, types: types, multiValue: .split)
    _ = CollectdPoints.lines(lists, types: types, multiValue: .join)
    return 0
}

private let security = CollectdSecurity(level: .none) { _ in "password" }

private let types = CollectdTypes(
    parsing: """
        load shortterm:GAUGE:0:5000, midterm:GAUGE:0:5000, longterm:GAUGE:0:5000
        if_octets rx:DERIVE:0:U, tx:DERIVE:0:U
        memory value:GAUGE:0:281474976710656
        cpu value:DERIVE:0:U
        counter value:COUNTER:U:U
        absolute value:ABSOLUTE:0:U
        """)

@main
enum CollectdFuzzerMain {
    static func main() { FuzzDriver.run { collectdFuzzer($0, $1) } }
}
