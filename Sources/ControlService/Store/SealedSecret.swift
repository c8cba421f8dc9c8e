import Crypto
import Foundation
import Synchronization

/// A connection's password as `control.sqlite` keeps it: sealed (AES-GCM) with the key of `[control]
/// credentials-key-file` when one is configured — a key kept outside the data directory, so a copy of the directory
/// alone does not give the passwords away — else as given. Read back, a sealed value needs the same key.
@propertyWrapper
struct SealedSecret: Codable, Equatable, Sendable {
    var wrappedValue: String

    init(wrappedValue: String) {
        self.wrappedValue = wrappedValue
    }

    init(from decoder: any Decoder) throws {
        let stored = try decoder.singleValueContainer().decode(String.self)
        wrappedValue = try CredentialSeal.open(stored)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(try CredentialSeal.seal(wrappedValue))
    }
}

/// The process's credentials key and the sealing format: `sealed:v1:` and the base64 of AES-GCM's nonce, ciphertext
/// and tag.
enum CredentialSeal {
    private static let key = Mutex<SymmetricKey?>(nil)
    private static let prefix = "sealed:v1:"

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Reads the key (32 bytes, as base64 or hex, as `openssl rand -base64 32` makes one); nil path leaves the key
    /// as it is (none, unless configured before: one process serves one control plane).
    static func configure(keyFile path: String?) throws {
        guard let path, !path.isEmpty else { return }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
            let bytes = Data(base64Encoded: text) ?? hexBytes(text), bytes.count == 32
        else {
            throw Failure(description: "the credentials key file \(path) must hold 32 bytes as base64 or hex (openssl rand -base64 32)")
        }
        key.withLock { $0 = SymmetricKey(data: bytes) }
    }

    static var isConfigured: Bool { key.withLock { $0 != nil } }

    static func seal(_ text: String) throws -> String {
        guard !text.isEmpty, let key = key.withLock({ $0 }) else { return text }
        guard let combined = try AES.GCM.seal(Data(text.utf8), using: key).combined else {
            throw Failure(description: "cannot seal a credential")
        }
        return prefix + combined.base64EncodedString()
    }

    static func open(_ stored: String) throws -> String {
        guard stored.hasPrefix(prefix) else { return stored }
        guard let key = key.withLock({ $0 }) else {
            throw Failure(description: "control.sqlite holds sealed credentials: configure [control] credentials-key-file with their key")
        }
        guard let data = Data(base64Encoded: String(stored.dropFirst(prefix.count))),
            let box = try? AES.GCM.SealedBox(combined: data), let opened = try? AES.GCM.open(box, using: key)
        else { throw Failure(description: "a sealed credential in control.sqlite does not open with the configured key") }
        return String(decoding: opened, as: UTF8.self)
    }

    private static func hexBytes(_ text: String) -> Data? {
        guard text.count == 64 else { return nil }
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return Data(bytes)
    }
}
