import Crypto
import HummingbirdBcrypt
import Synchronization

/// bcrypt hashes for user passwords, as InfluxDB stores them, and a cache of passwords already verified.
///
/// bcrypt is slow on purpose (tens of milliseconds); clients send the password with every request, so the last
/// password verified for each user is remembered as the SHA-256 of password and hash (InfluxDB 1.x keeps a similar
/// cache): a repeated check costs one SHA-256. A user's entry is forgotten when its password changes or the user is
/// dropped; a changed hash would miss it anyway.
final class PasswordHasher: Sendable {
    /// InfluxDB's bcrypt cost.
    static let cost: UInt8 = 10
    private let verified = Mutex<[String: SHA256.Digest]>([:])

    func hash(_ password: String) -> String {
        Bcrypt.hash(password, cost: Self.cost)
    }

    func verify(_ password: String, user: String, hash: String) -> Bool {
        var hasher = SHA256()
        hasher.update(data: Array(password.utf8))
        hasher.update(data: [0])
        hasher.update(data: Array(hash.utf8))
        let key = hasher.finalize()
        if verified.withLock({ $0[user] == key }) { return true }
        guard Bcrypt.verify(password, hash: hash) else { return false }
        verified.withLock { $0[user] = key }
        return true
    }

    func forget(user: String) {
        _ = verified.withLock { $0.removeValue(forKey: user) }
    }
}

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
