import Crypto
import CryptoExtras
import Foundation
import Synchronization

/// collectd's signed and encrypted network packets, checked as InfluxDB's `[[collectd]]` listener checks them
/// (collectd.org/network 0.3): `security-level` is the least a value list must have come with — `none` takes any,
/// `sign` only signed or encrypted parts, `encrypt` only encrypted ones — and a signature that does not verify, or
/// an encrypted part that does not decrypt (unknown user, wrong password, bad checksum), loses the whole packet.
public struct CollectdSecurity: Sendable {
    public enum Level: Int, Sendable, Comparable {
        case none, sign, encrypt

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }

        /// `security-level`'s values: `none`, `sign`, `encrypt`.
        public init?(name: String) {
            switch name {
            case "none": self = .none
            case "sign": self = .sign
            case "encrypt": self = .encrypt
            default: return nil
            }
        }
    }

    public let level: Level
    let passwords: @Sendable (String) -> String?

    /// `passwords` gives a user's password (from collectd's auth file), nil for an unknown user.
    public init(level: Level, passwords: @escaping @Sendable (String) -> String? = { _ in nil }) {
        self.level = level
        self.passwords = passwords
    }

    public static let none = CollectdSecurity(level: .none)

    /// A signature part (`0x0200`: HMAC-SHA256, then the user name) over the user name and the rest of the packet.
    func verifies(signature part: ArraySlice<UInt8>, over rest: ArraySlice<UInt8>) -> Bool {
        guard part.count > 32, let password = passwords(String(decoding: part.dropFirst(32), as: UTF8.self)) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(
            Array(part.prefix(32)), authenticating: Array(part.dropFirst(32)) + Array(rest),
            using: SymmetricKey(data: Array(password.utf8)))
    }

    /// An encrypted part (`0x0210`: user name length and name, a 16-byte IV, then AES-256-OFB with the SHA-256 of the
    /// user's password over the SHA-1 of the parts and the parts): the parts, or nil.
    func decrypt(_ part: ArraySlice<UInt8>) -> [UInt8]? {
        guard part.count >= 2 else { return nil }
        let start = part.startIndex
        let nameLength = Int(UInt16(part[start]) << 8 | UInt16(part[start + 1]))
        // 42: the part's own header (4), the name's length (2), the IV (16) and the checksum (20).
        guard 42 + nameLength < part.count - 2,
            let password = passwords(String(decoding: part[(start + 2)..<(start + 2 + nameLength)], as: UTF8.self))
        else { return nil }
        let ivStart = start + 2 + nameLength
        guard
            let plain = try? Self.ofb(
                Array(part[(ivStart + 16)...]), key: SymmetricKey(data: SHA256.hash(data: Array(password.utf8))),
                iv: Array(part[ivStart..<(ivStart + 16)]))
        else { return nil }
        let parts = Array(plain.dropFirst(20))
        guard Array(Insecure.SHA1.hash(data: parts)) == Array(plain.prefix(20)) else { return nil }
        return parts
    }

    /// AES in output feedback mode: the IV encrypted again and again, each block XORed into 16 bytes of the input.
    static func ofb(_ input: [UInt8], key: SymmetricKey, iv: [UInt8]) throws -> [UInt8] {
        var stream = iv
        var output = input
        for blockStart in stride(from: 0, to: output.count, by: 16) {
            try AES.permute(&stream, key: key)
            for index in blockStart..<min(blockStart + 16, output.count) { output[index] ^= stream[index - blockStart] }
        }
        return output
    }
}

/// collectd's auth file (`user: password` per line, `#` comments), read again whenever it changes, as collectd and
/// InfluxDB read it.
public final class CollectdAuthFile: Sendable {
    private struct Loaded {
        var modified: Date?
        var passwords: [String: String] = [:]
    }

    public let path: String
    private let loaded = Mutex(Loaded())

    /// Reads the file when first asked for a password.
    public init(path: String) {
        self.path = path
    }

    /// Reads the file now: for `sign` and `encrypt` a missing or unreadable one stops start-up (every packet would be
    /// lost).
    public func check() throws {
        guard reloadIfChanged() else { throw CollectdAuthFileError(path: path) }
    }

    public func password(for user: String) -> String? {
        _ = reloadIfChanged()
        return loaded.withLock { $0.passwords[user] }
    }

    /// Whether the file could be read (it is read again only when its modification time changed).
    private func reloadIfChanged() -> Bool {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let modified = attributes[.modificationDate] as? Date
        else { return false }
        if loaded.withLock({ $0.modified == modified }) { return true }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return false }
        let passwords = Self.parse(text)
        loaded.withLock { $0 = Loaded(modified: modified, passwords: passwords) }
        return true
    }

    static func parse(_ text: String) -> [String: String] {
        var passwords: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let user = parts[0].trimmingCharacters(in: .whitespaces)
            guard !user.hasPrefix("#") else { continue }
            passwords[user] = parts[1].trimmingCharacters(in: .whitespaces)
        }
        return passwords
    }
}

public struct CollectdAuthFileError: Error, CustomStringConvertible {
    public let path: String

    public var description: String {
        "[[store.collectd]] auth-file: cannot read \(path) (security-level sign or encrypt needs collectd's user: password file)"
    }
}
