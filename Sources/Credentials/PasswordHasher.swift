import Crypto
import HummingbirdBcrypt
import Synchronization

/// bcrypt hashes for user passwords, as InfluxDB and Kapacitor store them, and a cache of passwords already verified.
///
/// bcrypt is slow on purpose (tens of milliseconds); clients send the password with every request, so the last
/// password verified for each user is remembered as the SHA-256 of password and hash (InfluxDB 1.x and Kapacitor keep
/// similar caches): a repeated check costs one SHA-256. A user's entry is forgotten when its password changes or the
/// user is dropped (a changed hash would miss it anyway), and after `cacheExpiration` when one is set.
public final class PasswordHasher: Sendable {
    private let cost: UInt8
    private let cacheExpiration: Duration?
    private let verified = Mutex<[String: (key: SHA256.Digest, at: ContinuousClock.Instant)]>([:])

    /// `cost`: bcrypt's (InfluxDB's and Kapacitor's 10 by default); `cacheExpiration`: Kapacitor's
    /// `[auth] cache-expiration` (nil: as long as the process runs, as InfluxDB).
    public init(cost: UInt8 = 10, cacheExpiration: Duration? = nil) {
        self.cost = cost
        self.cacheExpiration = cacheExpiration
    }

    public func hash(_ password: String) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    public func verify(_ password: String, user: String, hash: String) -> Bool {
        var hasher = SHA256()
        hasher.update(data: Array(password.utf8))
        hasher.update(data: [0])
        hasher.update(data: Array(hash.utf8))
        let key = hasher.finalize()
        let now = ContinuousClock.now
        let cached = verified.withLock { $0[user] }
        if let cached, cached.key == key, cacheExpiration.map({ now - cached.at < $0 }) ?? true { return true }
        guard Bcrypt.verify(password, hash: hash) else { return false }
        verified.withLock { $0[user] = (key, now) }
        return true
    }

    /// A bcrypt check against a hash no password matches, for an unknown user: a refusal then costs what a wrong
    /// password costs, so timing does not reveal which user names exist.
    public func verifyNothing(_ password: String) {
        _ = Bcrypt.verify(password, hash: unmatchable)
    }

    private var unmatchable: String {
        Self.unmatchableHashes.withLock { hashes in
            if let hash = hashes[cost] { return hash }
            let hash = Bcrypt.hash(String((0..<32).map { _ in "abcdefghijklmnopqrstuvwxyz0123456789".randomElement()! }), cost: cost)
            hashes[cost] = hash
            return hash
        }
    }

    private static let unmatchableHashes = Mutex<[UInt8: String]>([:])

    public func forget(user: String) {
        _ = verified.withLock { $0.removeValue(forKey: user) }
    }
}
