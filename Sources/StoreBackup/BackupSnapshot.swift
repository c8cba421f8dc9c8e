import Crypto
public import FileIO
import Foundation
public import Storage
public import StoreAccess

/// A backup made by the running server in a directory of its own, then streamed to whoever asked and removed: the
/// manifest as one JSON line, then each file's bytes in the manifest's order.
public struct BackupSnapshot: Sendable {
    public let directory: String
    public let manifest: BackupManifest
    private let fileSystem: any FileSystem

    /// Backs up `databases` (all when nil) and, when all, the users and tokens, into a new directory under
    /// `workDirectory`.
    public static func make(
        engine: StorageEngine, access: AccessStore, databases: Set<String>?, since: Int64?, workDirectory: String,
        fileSystem: any FileSystem = POSIXFileSystem()
    ) async throws -> BackupSnapshot {
        if let databases, let unknown = databases.subtracting(engine.databaseNames).sorted().first {
            throw BackupError("database not found: \(unknown)")
        }
        let directory = workDirectory + "/" + UUID().uuidString
        try fileSystem.createDirectory(directory + "/data")
        try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: workDirectory)
        do {
            let (meta, shards) = try await engine.writeBackup(into: directory, databases: databases, since: since)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            try fileSystem.replaceContents(of: directory + "/meta.json", with: Array(try encoder.encode(meta)))
            var names = ["meta.json"]
            if databases == nil {
                try fileSystem.replaceContents(of: directory + "/access.json", with: try access.exportState())
                names.append("access.json")
            }
            names += shards.compactMap(\.file)
            let files = try names.map { name in try BackupFile.describing(directory + "/" + name, as: name, fileSystem: fileSystem) }
            let manifest = BackupManifest(
                created: ISO8601DateFormatter().string(from: Date()), since: since, databases: meta.databases.map(\.name),
                includesAccess: databases == nil, shards: shards, files: files)
            return BackupSnapshot(directory: directory, manifest: manifest, fileSystem: fileSystem)
        } catch {
            BackupDirectory.remove(directory, fileSystem: fileSystem)
            throw error
        }
    }

    /// The manifest line, then every file, a megabyte at a time.
    public func stream(_ write: ([UInt8]) async throws -> Void) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try await write(Array(try encoder.encode(manifest)) + [UInt8(ascii: "\n")])
        for file in manifest.files {
            let input = try fileSystem.openForReading(directory + "/" + file.name)
            defer { try? input.close() }
            var offset = 0
            while offset < file.size {
                let chunk = try input.read(at: offset, count: min(1 << 20, file.size - offset))
                try await write(chunk)
                offset += chunk.count
            }
        }
    }

    public func remove() {
        BackupDirectory.remove(directory, fileSystem: fileSystem)
    }
}

extension BackupFile {
    /// The file's size and SHA-256, read a megabyte at a time.
    static func describing(_ path: String, as name: String, fileSystem: any FileSystem) throws -> BackupFile {
        let input = try fileSystem.openForReading(path)
        defer { try? input.close() }
        var hash = SHA256()
        var offset = 0
        while offset < input.size {
            let chunk = try input.read(at: offset, count: min(1 << 20, input.size - offset))
            hash.update(data: chunk)
            offset += chunk.count
        }
        return BackupFile(name: name, size: input.size, sha256: hash.finalize().map { String(format: "%02x", $0) }.joined())
    }
}

/// Removing a backup's directory tree (made of `data/` and files only).
enum BackupDirectory {
    static func remove(_ directory: String, fileSystem: any FileSystem) {
        for name in (try? fileSystem.contentsOfDirectory(directory + "/data")) ?? [] { try? fileSystem.remove(directory + "/data/" + name) }
        try? fileSystem.remove(directory + "/data")
        for name in (try? fileSystem.contentsOfDirectory(directory)) ?? [] { try? fileSystem.remove(directory + "/" + name) }
        try? fileSystem.remove(directory)
    }
}
