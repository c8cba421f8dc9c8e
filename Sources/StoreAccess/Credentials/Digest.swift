import Crypto

/// SHA-256 as lowercase hex: how tokens are stored and looked up.
enum Digest {
    private static let digits = Array("0123456789abcdef".utf8)

    static func hex(_ text: String) -> String {
        var characters: [UInt8] = []
        characters.reserveCapacity(2 * SHA256.byteCount)
        for byte in SHA256.hash(data: Array(text.utf8)) {
            characters.append(digits[Int(byte >> 4)])
            characters.append(digits[Int(byte & 0xf)])
        }
        return String(decoding: characters, as: UTF8.self)
    }
}
