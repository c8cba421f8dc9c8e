import FileIO
import SundialTesting
import Testing

@Suite struct POSIXFileSystemTests {
    let fileSystem = POSIXFileSystem()

    @Test func writeSyncReadRenameRemove() throws {
        let directory = TemporaryDirectory()
        try fileSystem.createDirectory(directory.path("a/b"))
        let file = try fileSystem.create(directory.path("a/b/x.tmp"))
        try file.write(Array("hello".utf8))
        try file.sync()
        #expect(file.size == 5)
        try fileSystem.rename(directory.path("a/b/x.tmp"), to: directory.path("a/b/x"))
        try fileSystem.syncDirectory(directory.path("a/b"))
        #expect(try fileSystem.contentsOfDirectory(directory.path("a/b")) == ["x"])
        let reader = try fileSystem.openForReading(directory.path("a/b/x"))
        #expect(try reader.read(at: 1, count: 3) == Array("ell".utf8))
        #expect(throws: FileIOError.self) { try reader.read(at: 3, count: 5) }
        try fileSystem.remove(directory.path("a/b/x"))
        #expect(!fileSystem.fileExists(directory.path("a/b/x")))
        try fileSystem.remove(directory.path("a/b/x"))
    }

    /// An immutable (mapped) file reads the same bytes as `pread`, refuses reads past its end, and stays readable
    /// after the file is removed; an empty one still opens.
    @Test func immutableFilesReadLikeAnyOther() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("block.tsm")
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        try fileSystem.create(path).write(bytes)
        let mapped = try fileSystem.openImmutable(path)
        let plain = try fileSystem.openForReading(path)
        #expect(mapped.size == 10_000)
        for (offset, count) in [(0, 1), (4095, 2), (123, 4000), (9_999, 1), (0, 10_000)] {
            #expect(try mapped.read(at: offset, count: count) == plain.read(at: offset, count: count))
        }
        #expect(throws: FileIOError.self) { try mapped.read(at: 9_990, count: 11) }
        try fileSystem.remove(path)
        #expect(try mapped.read(at: 10, count: 3) == Array(bytes[10..<13]))
        try fileSystem.create(directory.path("empty")).close()
        #expect(try fileSystem.openImmutable(directory.path("empty")).size == 0)
    }

    @Test func appendingKeepsExistingBytesAndTruncateCuts() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("log")
        try fileSystem.create(path).write(Array("abc".utf8))
        let file = try fileSystem.openForAppending(path)
        #expect(file.size == 3)
        try file.write(Array("def".utf8))
        try file.truncate(to: 4)
        #expect(try fileSystem.openForReading(path).readAll() == Array("abcd".utf8))
    }

    @Test func errorsCarryOperationPathAndErrno() {
        do {
            _ = try fileSystem.openForReading("/nonexistent/file")
            Issue.record("opened a missing file")
        } catch {
            #expect(error.operation == .open)
            #expect(error.code == 2)
            #expect(error.description == "open /nonexistent/file: no such file or directory")
        }
    }

    @Test func theFaultInjectorFailsExactlyTheChosenCall() throws {
        let directory = TemporaryDirectory()
        let injector = FaultInjectingFileSystem()
        injector.failCall(3, with: .noSpace)
        let file = try injector.create(directory.path("f"))
        try file.write(Array("1234".utf8))
        do {
            try file.write(Array("5678".utf8))
            Issue.record("the third call did not fail")
        } catch {
            #expect(error.code == 28)
            #expect(error.bytesWritten == 2)
        }
        try file.write(Array("9".utf8))
        #expect(try fileSystem.openForReading(directory.path("f")).readAll() == Array("1234569".utf8))
        #expect(injector.callCount == 4)
    }
}
