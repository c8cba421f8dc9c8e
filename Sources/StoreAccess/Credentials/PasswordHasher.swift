import Crypto
import HummingbirdBcrypt
import Synchronization

/// bcrypt hashes for user passwords, as InfluxDB stores them, and a cache of passwords already verified.
///
/// bcrypt is slow on purpose (tens of milliseconds); clients send the password with every request, so a check that
/// succeeded is remembered by the SHA-256 of user, password and hash (InfluxDB 1.x keeps a similar cache). A changed
/// password changes the hash, which invalidates the entry.
final class PasswordHasher: Sendable {
    /// InfluxDB's bcrypt cost.
    static let cost: UInt8 = 10
    private let verified = Mutex<Set<String>>([])

    func hash(_ password: String) -> String {
        Bcrypt.hash(password, cost: Self.cost)
    }

    func verify(_ password: String, user: String, hash: String) -> Bool {
        let key = Digest.hex(user + "\u{0}" + password + "\u{0}" + hash)
        if verified.withLock({ $0.contains(key) }) { return true }
        guard Bcrypt.verify(password, hash: hash) else { return false }
        verified.withLock { cache in
            if cache.count > 10_000 { cache.removeAll() }
            cache.insert(key)
        }
        return true
    }
}

/// SHA-256 as lowercase hex: how tokens are stored and looked up.
enum Digest {
    static func hex(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0xf)]])
        }.joined()
    }
}
