import Crypto
public import FileIO
import Foundation

/// Writes the stream of `BackupSnapshot.stream` into a directory as it arrives: each file checked against the
/// manifest's size and SHA-256 before it is kept, `manifest.json` written last, so a backup directory with a manifest
/// is a whole one.
public struct BackupReceiver {
    public enum Event {
        case started(BackupManifest)
        case received(BackupFile, index: Int)
    }

    /// The manifest line is small; a stream that sends more before its newline is not a backup.
    static let manifestLimit = 64 << 20

    private let directory: String
    private let fileSystem: any FileSystem
    private let progress: (Event) -> Void
    private var manifestLine: [UInt8] = []
    private var manifest: BackupManifest?
    private var index = 0
    private var output: (any WritableFile)?
    private var written = 0
    private var hash = SHA256()

    /// `directory` must not exist or be empty.
    public init(directory: String, fileSystem: any FileSystem = POSIXFileSystem(), progress: @escaping (Event) -> Void = { _ in }) throws {
        if fileSystem.fileExists(directory), !((try? fileSystem.contentsOfDirectory(directory)) ?? []).isEmpty {
            throw BackupError("\(directory) is not empty: back up into a new directory")
        }
        try fileSystem.createDirectory(directory + "/data")
        // The backup holds password hashes and token digests: only its owner may look inside.
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory)
        self.directory = directory
        self.fileSystem = fileSystem
        self.progress = progress
    }

    public mutating func receive(_ bytes: [UInt8]) throws {
        var rest = bytes[...]
        if manifest == nil {
            guard let newline = rest.firstIndex(of: UInt8(ascii: "\n")) else {
                manifestLine += rest
                if manifestLine.count > Self.manifestLimit { throw BackupError("the server's answer is not a backup") }
                return
            }
            manifestLine += rest[..<newline]
            rest = rest[(newline + 1)...]
            let parsed: BackupManifest
            do {
                parsed = try JSONDecoder().decode(BackupManifest.self, from: Data(manifestLine))
            } catch {
                throw BackupError("the server's answer is not a backup: \(error)")
            }
            try parsed.checkFormat()
            manifest = parsed
            progress(.started(parsed))
            try openNextFile()
        }
        while !rest.isEmpty {
            guard let manifest, index < manifest.files.count, let output else {
                throw BackupError("the server sent more than its manifest lists")
            }
            let file = manifest.files[index]
            let take = rest.prefix(file.size - written)
            try take.withUnsafeBytes { try output.write($0) }
            hash.update(data: Array(take))
            written += take.count
            rest = rest.dropFirst(take.count)
            if written == file.size { try closeFile() }
        }
    }

    /// After the last byte: every file whole, then the manifest.
    public func finish() throws -> BackupManifest {
        guard let manifest, index == manifest.files.count else { throw BackupError("the backup stream ended early") }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try fileSystem.replaceContents(of: directory + "/manifest.json", with: Array(try encoder.encode(manifest)))
        try fileSystem.syncDirectory(directory)
        return manifest
    }

    /// Opens the next file to receive; empty ones are written at once (in a loop: a manifest of many empty files
    /// must not recurse).
    private mutating func openNextFile() throws {
        while let manifest, index < manifest.files.count {
            output = try fileSystem.create(directory + "/" + manifest.files[index].name + ".tmp")
            written = 0
            hash = SHA256()
            guard manifest.files[index].size == 0 else { return }
            try keepFile()
        }
    }

    private mutating func closeFile() throws {
        try keepFile()
        try openNextFile()
    }

    /// The file just received, checked against the manifest and renamed into place.
    private mutating func keepFile() throws {
        guard let manifest, let output else { return }
        let file = manifest.files[index]
        try output.sync()
        try output.close()
        self.output = nil
        guard hash.finalize().map({ String(format: "%02x", $0) }).joined() == file.sha256 else {
            throw BackupError("\(file.name) does not match its checksum")
        }
        try fileSystem.rename(directory + "/" + file.name + ".tmp", to: directory + "/" + file.name)
        progress(.received(file, index: index))
        index += 1
    }
}
