import FileIO
import Foundation
import SundialTesting
import Testing

@testable import StoreBackup

/// The stream a server sends is input like any other: it may name paths, lie about sizes, end early or carry more.
@Suite struct BackupReceiverTests {
    private func manifestLine(_ files: [BackupFile]) throws -> [UInt8] {
        let manifest = BackupManifest(
            created: "2026-01-01T00:00:00Z", since: nil, databases: ["db"], includesAccess: false, shards: [], files: files)
        return Array(try JSONEncoder().encode(manifest)) + [10]
    }

    private func file(_ name: String, _ contents: String) throws -> (BackupFile, [UInt8]) {
        let directory = TemporaryDirectory()
        let path = directory.path + "/f"
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        return (try BackupFile.describing(path, as: name, fileSystem: POSIXFileSystem()), Array(contents.utf8))
    }

    @Test func aWholeStreamArrivesInAnyPiecesAndEndsWithTheManifest() throws {
        let (meta, metaBytes) = try file("meta.json", "{}")
        let (shard, shardBytes) = try file("data/7.tsm", String(repeating: "x", count: 1000))
        let stream = try manifestLine([meta, shard]) + metaBytes + shardBytes
        let directory = TemporaryDirectory()
        var receiver = try BackupReceiver(directory: directory.path + "/b")
        var offset = 0
        while offset < stream.count {
            let size = min(1 + offset % 97, stream.count - offset)
            try receiver.receive(Array(stream[offset..<offset + size]))
            offset += size
        }
        #expect(try receiver.finish().files.count == 2)
        #expect(FileManager.default.contents(atPath: directory.path + "/b/data/7.tsm")?.count == 1000)
        #expect(FileManager.default.fileExists(atPath: directory.path + "/b/manifest.json"))
    }

    @Test(arguments: [
        "../evil.json", "/etc/passwd", "data/../../x.tsm", "data/1.tsm/x", "data/.tsm", "manifest.json", "data/12345678901234567890.tsm",
    ])
    func aFileNameOutsideTheLayoutIsRefused(_ name: String) throws {
        let directory = TemporaryDirectory()
        var receiver = try BackupReceiver(directory: directory.path + "/b")
        #expect(throws: BackupError.self) { try receiver.receive(try manifestLine([BackupFile(name: name, size: 1, sha256: "00")]) + [0]) }
    }

    @Test func wrongBytesAShortStreamAndExtraBytesAreRefused() throws {
        let (shard, bytes) = try file("data/1.tsm", "abcdef")
        let directory = TemporaryDirectory()
        var damaged = try BackupReceiver(directory: directory.path + "/1")
        #expect(throws: BackupError("data/1.tsm does not match its checksum")) {
            try damaged.receive(try manifestLine([shard]) + Array("abcdeX".utf8))
        }
        var short = try BackupReceiver(directory: directory.path + "/2")
        try short.receive(try manifestLine([shard]) + bytes.dropLast())
        #expect(throws: BackupError("the backup stream ended early")) { _ = try short.finish() }
        var long = try BackupReceiver(directory: directory.path + "/3")
        #expect(throws: BackupError("the server sent more than its manifest lists")) {
            try long.receive(try manifestLine([shard]) + bytes + [1])
        }
        var notABackup = try BackupReceiver(directory: directory.path + "/4")
        #expect(throws: BackupError.self) { try notABackup.receive(Array("<html>\n".utf8)) }
    }
}
