import Credentials
public import FileIO
import Foundation
import Synchronization

/// Users and privileges (InfluxDB 1.x), organizations, buckets, tokens and DBRP mappings (InfluxDB 2.x), kept in
/// memory and saved to `access.json` after every change: written to a temporary file, synced and renamed over the old
/// one, so a crash leaves one whole version. A change that cannot be saved is not made.
public final class AccessStore: Sendable {
    let path: String
    let fileSystem: any FileSystem
    let hasher = PasswordHasher()
    let state: Mutex<AccessState>

    /// Opens (or starts) the store kept at `directory/access.json`.
    public init(directory: String, fileSystem: any FileSystem = POSIXFileSystem()) throws {
        self.path = directory + "/access.json"
        self.fileSystem = fileSystem
        try fileSystem.createDirectory(directory)
        guard fileSystem.fileExists(path) else {
            state = Mutex(AccessState())
            return
        }
        let bytes = try fileSystem.openForReading(path).readAll()
        do {
            state = Mutex(try JSONDecoder().decode(AccessState.self, from: Data(bytes)))
        } catch {
            throw AccessError(.storage, "cannot read \(path): \(error)")
        }
    }

    /// Runs `change` on a copy of the state and keeps the copy only if it was saved.
    func update<T>(_ change: (inout AccessState) throws(AccessError) -> T) throws(AccessError) -> T {
        try state.withLock { (current: inout AccessState) throws(AccessError) -> T in
            var copy = current
            let result = try change(&copy)
            guard copy != current else { return result }
            try save(copy)
            current = copy
            return result
        }
    }

    func read<T>(_ body: (AccessState) -> T) -> T {
        state.withLock { body($0) }
    }

    private func save(_ state: AccessState) throws(AccessError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        do {
            try fileSystem.replaceContents(of: path, with: Array(try encoder.encode(state)))
        } catch {
            throw AccessError(.storage, "cannot save \(path): \(error)")
        }
        // After the rename every reader sees the new version, so the change stands even if the directory sync fails
        // (which only risks the rename on power loss); refusing it now would make memory and disk disagree.
        try? fileSystem.syncDirectory((path as NSString).deletingLastPathComponent)
    }

    /// Now as RFC 3339 with nanoseconds, as InfluxDB 2.x writes `createdAt`.
    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}

/// Backups: the whole state as `access.json` holds it (password hashes and token digests, never a password).
extension AccessStore {
    public func exportState() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return Array(try encoder.encode(read { $0 }))
    }

    /// Whether nothing was ever kept: no user, organization, bucket, token or mapping.
    public var isEmpty: Bool { read { $0 == AccessState() } }

    /// Takes a backup's state whole. Only into an empty store, so a restore never mixes two sets of users and tokens.
    public func importState(_ bytes: [UInt8]) throws(AccessError) {
        let imported: AccessState
        do {
            imported = try JSONDecoder().decode(AccessState.self, from: Data(bytes))
        } catch {
            throw AccessError(.invalid, "cannot read the backup's access.json: \(error)")
        }
        try update { (state: inout AccessState) throws(AccessError) in
            guard state == AccessState() else {
                throw AccessError(
                    .conflict, "this store already has users, tokens or mappings: restore users and tokens only into an empty one")
            }
            state = imported
        }
    }
}
