import Crypto
import Testing

@testable import Collectd

/// Signed and encrypted packets built as collectd's network plugin builds them (the e2e test has the real collectd
/// send them to InfluxDB 1.6.7 and Sundial: `e2e/tests/test_collectd.py`).
@Suite struct CollectdSecurityTests {
    private let passwords: @Sendable (String) -> String? = { ["alice": "w0nderl4nd"][$0] }

    private func signed(_ parts: [UInt8], user: String = "alice", password: String = "w0nderl4nd") -> [UInt8] {
        var mac = HMAC<SHA256>(key: SymmetricKey(data: Array(password.utf8)))
        mac.update(data: Array(user.utf8) + parts)
        return CollectdTests.part(0x0200, Array(mac.finalize()) + Array(user.utf8)) + parts
    }

    private func encrypted(_ parts: [UInt8], user: String = "alice", password: String = "w0nderl4nd") throws -> [UInt8] {
        let iv: [UInt8] = Array(0..<16)
        let plain = Array(Insecure.SHA1.hash(data: parts)) + parts
        let cipher = try CollectdSecurity.ofb(plain, key: SymmetricKey(data: SHA256.hash(data: Array(password.utf8))), iv: iv)
        return CollectdTests.part(0x0210, [0, UInt8(user.utf8.count)] + Array(user.utf8) + iv + cipher)
    }

    @Test func eachLevelTakesWhatCameWithAtLeastItsProtection() throws {
        let plain = CollectdTests.packet
        let signed = signed(plain)
        let encrypted = try encrypted(plain)
        for (level, expected) in [(CollectdSecurity.Level.none, [2, 2, 2]), (.sign, [0, 2, 2]), (.encrypt, [0, 0, 2])] {
            let security = CollectdSecurity(level: level, passwords: passwords)
            let counts = [plain, signed, encrypted].map { CollectdPacket.parse($0, security: security).count }
            #expect(counts == expected, "\(level)")
        }
    }

    @Test func aBadSignatureOrEncryptionLosesTheWholePacket() throws {
        let security = CollectdSecurity(level: .none, passwords: passwords)
        // Parts before the bad one are lost too, as InfluxDB's listener drops a packet that fails to parse.
        #expect(CollectdPacket.parse(CollectdTests.packet + signed(CollectdTests.packet, password: "nope"), security: security).isEmpty)
        #expect(CollectdPacket.parse(signed(CollectdTests.packet, user: "mallory"), security: security).isEmpty)
        #expect(CollectdPacket.parse(try encrypted(CollectdTests.packet, password: "nope"), security: security).isEmpty)
        var tampered = try encrypted(CollectdTests.packet)
        tampered[tampered.count - 1] ^= 1
        #expect(CollectdPacket.parse(tampered, security: security).isEmpty)
        #expect(CollectdPacket.parse(CollectdTests.part(0x0210, [0, 200, 1, 2, 3]), security: security).isEmpty)
        #expect(CollectdPacket.parse(CollectdTests.part(0x0200, [1, 2, 3]), security: security).isEmpty)
    }

    @Test func encryptionNestedPastALimitIsRefused() throws {
        var packet = CollectdTests.packet
        for _ in 0..<CollectdPacket.maximumNesting { packet = try encrypted(packet) }
        let security = CollectdSecurity(level: .encrypt, passwords: passwords)
        #expect(CollectdPacket.parse(packet, security: security).count == 2)
        #expect(CollectdPacket.parse(try encrypted(packet), security: security).isEmpty)
    }

    @Test func theAuthFileReadsAsCollectdReadsIt() {
        let passwords = CollectdAuthFile.parse("# users\nalice: w0nderl4nd\n  bob :bu1|der:x \nbroken\n#carol: no\n")
        #expect(passwords == ["alice": "w0nderl4nd", "bob": "bu1|der:x"])
    }
}
