import Testing
import TimeSeries

@testable import Collectd

/// collectd packets as its network plugin writes them, and InfluxDB's mapping of them.
@Suite struct CollectdTests {
    static func part(_ type: UInt16, _ payload: [UInt8]) -> [UInt8] {
        let length = UInt16(payload.count + 4)
        return [UInt8(type >> 8), UInt8(type & 0xff), UInt8(length >> 8), UInt8(length & 0xff)] + payload
    }

    static func string(_ type: UInt16, _ text: String) -> [UInt8] { part(type, Array(text.utf8) + [0]) }

    static func number(_ type: UInt16, _ value: UInt64) -> [UInt8] {
        part(type, (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * $0)) })
    }

    /// `load` (three gauges, little-endian doubles) then `if_octets` (two derives) from one host.
    static let packet: [UInt8] =
        string(0x0000, "probe") + number(0x0008, 1_700_000_000 << 30 | 1 << 29) + string(0x0002, "load") + string(0x0004, "load")
        + part(
            0x0006,
            [0, 3, 1, 1, 1]
                + [0.5, 1.0, 1.5].flatMap { value in (0..<8).map { UInt8(truncatingIfNeeded: value.bitPattern >> (8 * UInt64($0))) } })
        + string(0x0002, "interface") + string(0x0003, "eth0") + string(0x0004, "if_octets")
        + part(
            0x0006,
            [0, 2, 2, 2]
                + [UInt64(10), UInt64(20)].flatMap { value in (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * UInt64($0))) } })

    static let types = CollectdTypes(
        parsing: """
            # comments and blank lines are skipped

            load			shortterm:GAUGE:0:5000, midterm:GAUGE:0:5000, longterm:GAUGE:0:5000
            if_octets		rx:DERIVE:0:U, tx:DERIVE:0:U
            broken
            """)

    @Test func packetsBecomeValueListsWithEachPartsState() {
        let lists = CollectdPacket.parse(Self.packet)
        #expect(lists.count == 2)
        #expect(lists[0].host == "probe" && lists[0].plugin == "load" && lists[0].type == "load")
        #expect(lists[0].time == 1_700_000_000_500_000_000)
        #expect(lists[0].values == [.gauge(0.5), .gauge(1.0), .gauge(1.5)])
        #expect(lists[1].pluginInstance == "eth0" && lists[1].values == [.derive(10), .derive(20)] && lists[1].host == "probe")
    }

    @Test func splitAndJoinMapAsInfluxDB() {
        let lists = CollectdPacket.parse(Self.packet)
        let split = CollectdPoints.lines(lists, types: Self.types, multiValue: .split)
        #expect(
            String(decoding: split.lines, as: UTF8.self).split(separator: "\n").first
                == "load_shortterm,host=probe,type=load value=0.5 1700000000500000000")
        #expect(split.lines.count { $0 == UInt8(ascii: "\n") } == 5 && split.dropped == 0)
        let join = CollectdPoints.lines(lists, types: Self.types, multiValue: .join)
        #expect(
            String(decoding: join.lines, as: UTF8.self)
                == "load,host=probe,type=load shortterm=0.5,midterm=1.0,longterm=1.5 1700000000500000000\n"
                + "interface,host=probe,instance=eth0,type=if_octets rx=10.0,tx=20.0 1700000000500000000\n")
    }

    @Test func unknownTypesAndBadValuesAreDroppedAndCounted() {
        var lists = CollectdPacket.parse(Self.packet)
        lists[0].type = "nope"
        lists[1].values[1] = .absolute(3)
        let split = CollectdPoints.lines(lists, types: Self.types, multiValue: .split)
        #expect(split.dropped == 4 && split.lines.count { $0 == UInt8(ascii: "\n") } == 1)
        #expect(CollectdPoints.lines(lists, types: Self.types, multiValue: .join).dropped == 4)
    }

    @Test func truncatedOrMalformedPacketsKeepWhatCameBefore() {
        #expect(CollectdPacket.parse(Array(Self.packet.dropLast(3))).count == 1)
        #expect(CollectdPacket.parse([0, 6, 0, 2]).isEmpty)
        #expect(CollectdPacket.parse([0, 6, 0, 7, 0, 1, 9]).isEmpty)
        #expect(CollectdPacket.highResolutionTime(UInt64.max) == Int64.max)
    }
}
