import Foundation
import Testing

@testable import DataDirectory

@Suite struct DataDirectoryTests {
    private func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("sundial-dd-\(UUID().uuidString)").path
    }

    @Test func createsMissingDirectoriesAndRecordsThePid() throws {
        let path = temporaryPath() + "/nested/data"
        let directory = try DataDirectory.open(path: path)
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue)
        let holder = try String(contentsOfFile: directory.path(of: DataDirectory.lockFileName), encoding: .utf8)
        #expect(holder == "\(getpid())\n")
    }

    /// The directory holds password hashes, token digests and connection credentials: only its owner may enter, even
    /// when it existed before with a looser mode.
    @Test func onlyTheOwnerMayEnter() throws {
        let path = temporaryPath()
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let directory = try DataDirectory.open(path: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o700)
        let lockMode = try FileManager.default.attributesOfItem(atPath: directory.path(of: DataDirectory.lockFileName))[.posixPermissions]
        #expect((lockMode as? Int).map { $0 & 0o077 } == 0)
    }

    @Test func aSecondOpenIsRefusedNamingTheHolder() throws {
        let path = temporaryPath()
        let first = try DataDirectory.open(path: path)
        do {
            _ = try DataDirectory.open(path: path)
            Issue.record("a second open of a locked directory succeeded")
        } catch {
            #expect(error.kind == .inUse)
            #expect(
                error.message == "data directory \(first.path) is in use by another sundial process (pid \(getpid())); "
                    + "stop it or choose another --data-dir")
        }
    }

    @Test func theLockIsReleasedWhenTheDirectoryIsClosed() throws {
        let path = temporaryPath()
        do { _ = try DataDirectory.open(path: path) }
        let reopened = try DataDirectory.open(path: path)
        #expect(reopened.path.hasSuffix(URL(fileURLWithPath: path).lastPathComponent))
    }

    @Test func aFileInTheWayIsACreateError() throws {
        let path = temporaryPath()
        FileManager.default.createFile(atPath: path, contents: Data("x".utf8))
        #expect(throws: DataDirectoryError.self) { try DataDirectory.open(path: path) }
        do {
            _ = try DataDirectory.open(path: path)
        } catch {
            #expect(error.kind == .cannotCreate)
            #expect(error.message.hasSuffix("exists and is not a directory"))
        }
    }

    @Test func anUncreatableDirectoryIsACreateError() throws {
        let parent = temporaryPath()
        FileManager.default.createFile(atPath: parent, contents: Data())
        do {
            _ = try DataDirectory.open(path: parent + "/child")
            Issue.record("created a directory under a file")
        } catch {
            #expect(error.kind == .cannotCreate)
            #expect(error.message.hasPrefix("cannot create data directory \(parent)/child"))
        }
    }
}
