import FileIO
import SundialTesting
import Testing
import TimeSeries
import WriteAheadLog

@testable import Storage

/// Files of format version 1 (block metadata without first and last values) stay readable after version 2.
@Suite struct TSMFormatVersionTests {
    /// Rewrites a version 2 file as version 1 would have written it: 16 bytes fewer per block in the index, the
    /// index checksum recomputed, the old magic at both ends.
    private func downgrade(_ bytes: [UInt8]) -> [UInt8] {
        let footerStart = bytes.count - TSMFormat.footerSize
        var footer = BinaryReader(Array(bytes[footerStart...]), context: "test")
        let indexOffset = Int(try! footer.read(UInt64.self))
        var index = BinaryReader(Array(bytes[indexOffset..<footerStart]), context: "test")
        var rewritten = BinaryWriter()
        let entryCount = try! index.read(UInt32.self)
        rewritten.append(entryCount)
        for _ in 0..<entryCount {
            let keyLength = try! index.read(UInt16.self)
            rewritten.append(keyLength)
            rewritten.bytes.append(contentsOf: try! index.readBytes(count: Int(keyLength)))
            rewritten.append(try! index.readByte())
            let blockCount = try! index.read(UInt32.self)
            rewritten.append(blockCount)
            for _ in 0..<blockCount {
                rewritten.bytes.append(contentsOf: try! index.readBytes(count: 56))
                _ = try! index.readBytes(count: 16)
            }
        }
        var output = TSMFormat.version1Magic + Array(bytes[8..<indexOffset]) + rewritten.bytes
        var newFooter = BinaryWriter()
        newFooter.append(UInt64(indexOffset))
        newFooter.append(rewritten.bytes.withUnsafeBytes { CRC32C.checksum($0) })
        newFooter.bytes.append(contentsOf: TSMFormat.version1Magic)
        output += newFooter.bytes
        return output
    }

    @Test func versionOneFilesAreReadWithoutFirstAndLast() throws {
        let directory = TemporaryDirectory()
        let fileSystem = POSIXFileSystem()
        let path = directory.path + "/000000001.tsm"
        var writer = try TSMWriter(path: path, fileSystem: fileSystem)
        let column = FieldColumn(type: .float, times: Array(0..<1500), values: .floats((0..<1500).map { Double($0) / 2 }))
        try writer.add(key: Array("m#!~#v".utf8), column: column)
        try writer.finish()
        let current = try TSMReader(path: path, generation: 1, fileSystem: fileSystem)
        #expect(current.entries[0].blocks.map(\.last) == [Double(499.5).bitPattern, Double(749.5).bitPattern])

        let old = directory.path + "/000000002.tsm"
        let bytes = try fileSystem.openForReading(path).read(at: 0, count: try fileSystem.openForReading(path).size)
        let file = try fileSystem.create(old)
        try file.write(downgrade(bytes))
        try file.close()
        let reader = try TSMReader(path: old, generation: 2, fileSystem: fileSystem)
        #expect(reader.entries[0].blocks.allSatisfy { $0.first == nil && $0.last == nil })
        #expect(try reader.column(for: Array("m#!~#v".utf8), in: 0...1499) == column)
    }

    @Test func aDamagedBlockIsReportedWhenFirstRead() throws {
        let directory = TemporaryDirectory()
        let fileSystem = POSIXFileSystem()
        let path = directory.path + "/000000001.tsm"
        var writer = try TSMWriter(path: path, fileSystem: fileSystem)
        try writer.add(key: Array("m#!~#v".utf8), column: FieldColumn(type: .integer, times: [1, 2, 3], values: .integers([7, 8, 9])))
        try writer.finish()
        let original = try fileSystem.openForReading(path)
        var bytes = try original.read(at: 0, count: original.size)
        bytes[20] ^= 0xFF  // inside the only block, after its checksum
        let damaged = directory.path + "/000000002.tsm"
        let file = try fileSystem.create(damaged)
        try file.write(bytes)
        try file.close()
        let reader = try TSMReader(path: damaged, generation: 2, fileSystem: fileSystem)
        #expect(throws: StorageError(.corruptFile, "\(damaged) at byte 8: block checksum mismatch")) {
            try reader.readBlock(reader.entries[0].blocks[0], of: reader.entries[0].key)
        }
    }
}
