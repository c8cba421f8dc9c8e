import SundialTesting
import Testing

@testable import WriteAheadLog

@Suite struct CRC32CTests {
    /// The byte-at-a-time definition, to check the sliced implementation against.
    private func reference(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        }
        return crc ^ 0xFFFF_FFFF
    }

    @Test func knownCheckValue() {
        #expect(Array("123456789".utf8).withUnsafeBytes { CRC32C.checksum($0) } == 0xE306_9283)
    }

    @Test func matchesTheDefinitionAtEveryLength() {
        var random = SeededGenerator(seed: 31)
        for length in 0..<100 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            #expect(bytes.withUnsafeBytes { CRC32C.checksum($0) } == reference(bytes))
            #expect(bytes.withUnsafeBytes { CRC32C.tableChecksum($0) } == reference(bytes))
        }
    }

    @Test func unalignedStartsGiveTheSameAnswer() {
        var random = SeededGenerator(seed: 7)
        let bytes = (0..<4099).map { _ in UInt8.random(in: 0...255, using: &random) }
        for start in 0..<9 {
            let slice = Array(bytes[start...])
            #expect(bytes.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[start...])) } == reference(slice))
        }
    }
}
