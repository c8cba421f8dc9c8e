import FileIO
import Foundation
import SundialTesting
import Testing
import TimeSeries
import WriteAheadLog

@testable import Storage

/// TSM files damaged so their numbers are out of range: each is a corrupt-file error, never a trap (found by
/// Fuzz/TSMReaderFuzzer).
@Suite struct TSMReaderDamageTests {
    private func open(_ bytes: [UInt8]) throws -> TSMReader {
        let directory = TemporaryDirectory()
        let path = directory.path + "/000000001.tsm"
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return try TSMReader(path: path, generation: 1, fileSystem: POSIXFileSystem())
    }

    @Test func anIndexOffsetPastInt64IsACorruptFile() {
        var footer = BinaryWriter()
        footer.append(UInt64.max)
        footer.append(UInt32(0))
        footer.bytes.append(contentsOf: TSMFormat.magic)
        #expect(throws: StorageError.self) { try open(TSMFormat.magic + [0, 0, 0] + footer.bytes) }
    }

    @Test func aBlockOffsetPastInt64IsACorruptFile() throws {
        var index = BinaryWriter()
        index.append(UInt32(1))
        index.append(UInt16(3))
        index.bytes.append(contentsOf: Array("m#v".utf8))
        index.append(FieldType.float.rawValue)
        index.append(UInt32(1))
        index.append(UInt64(0))  // min time
        index.append(UInt64(10))  // max time
        index.append(UInt64.max)  // offset
        index.append(UInt32(12))  // size
        index.append(UInt32(1))  // count
        index.bytes.append(contentsOf: [UInt8](repeating: 0, count: 40))  // minimum, maximum, sum, first and last
        let indexOffset = TSMFormat.magic.count
        var footer = BinaryWriter()
        footer.append(UInt64(indexOffset))
        footer.append(index.bytes.withUnsafeBytes { CRC32C.checksum($0) })
        footer.bytes.append(contentsOf: TSMFormat.magic)
        let reader = try open(TSMFormat.magic + index.bytes + footer.bytes)
        #expect(throws: StorageError.self) { _ = try reader.column(for: Array("m#v".utf8), in: Int64.min...Int64.max) }
    }
}
