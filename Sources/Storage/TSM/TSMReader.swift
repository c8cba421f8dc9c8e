import FileIO
import Synchronization
import TimeSeries
import WriteAheadLog

/// An open TSM file: its whole index in memory, blocks read from disk on demand.
final class TSMReader: @unchecked Sendable {
    struct IndexEntry {
        let key: [UInt8]
        let type: FieldType
        let blocks: [BlockMeta]
    }

    let path: String
    let generation: Int
    /// The shard the file belongs to (its directory's name), for `ReadTrace`.
    let shardID: Int
    let size: Int
    private let file: any ReadableFile
    private(set) var entries: [IndexEntry] = []
    private var lookup = ByteKeyTable(capacity: 64)
    /// Offsets of the blocks whose checksum has been verified (queries read a file from many threads).
    private let verifiedBlocks = Mutex<Set<UInt64>>([])

    init(path: String, generation: Int, fileSystem: any FileSystem) throws {
        self.path = path
        self.generation = generation
        shardID = path.split(separator: "/").dropLast().last.flatMap { Int($0) } ?? -1
        file = try fileSystem.openImmutable(path)
        size = file.size
        guard size >= TSMFormat.magic.count + TSMFormat.footerSize else {
            throw StorageError(.corruptFile, "\(path): too short to be a TSM file")
        }
        var footer = BinaryReader(try file.read(at: size - TSMFormat.footerSize, count: TSMFormat.footerSize), context: path)
        let indexOffset = Int(exactly: try footer.read(UInt64.self))
        let checksum = try footer.read(UInt32.self)
        let magic = Array(try footer.readBytes(count: 8))
        guard magic == TSMFormat.magic || magic == TSMFormat.version1Magic, let indexOffset, indexOffset <= size - TSMFormat.footerSize
        else {
            throw StorageError(.corruptFile, "\(path): bad footer")
        }
        let indexBytes = try file.read(at: indexOffset, count: size - TSMFormat.footerSize - indexOffset)
        guard indexBytes.withUnsafeBytes({ CRC32C.checksum($0) }) == checksum else {
            throw StorageError(.corruptFile, "\(path): index checksum mismatch")
        }
        try parseIndex(indexBytes, hasEnds: magic == TSMFormat.magic)
    }

    /// `hasEnds`: the block metadata carries first and last values (format version 2).
    private func parseIndex(_ bytes: [UInt8], hasEnds: Bool) throws {
        var reader = BinaryReader(bytes, context: path)
        let count = Int(try reader.read(UInt32.self))
        // Counts come from the file: reserve no more than its bytes could describe, so damage cannot ask for gigabytes.
        entries.reserveCapacity(min(count, bytes.count / 7))
        for position in 0..<count {
            let key = Array(try reader.readBytes(count: Int(try reader.read(UInt16.self))))
            guard let type = FieldType(rawValue: try reader.readByte()) else {
                throw StorageError(.corruptFile, "\(path): unknown field type in index")
            }
            let blockCount = Int(try reader.read(UInt32.self))
            var blocks: [BlockMeta] = []
            blocks.reserveCapacity(min(blockCount, (bytes.count - reader.offset) / 56))  // a block's metadata: 56 or 72 bytes
            for _ in 0..<blockCount {
                blocks.append(
                    BlockMeta(
                        minTime: try reader.read(Int64.self), maxTime: try reader.read(Int64.self),
                        offset: try reader.read(UInt64.self), size: try reader.read(UInt32.self), count: try reader.read(UInt32.self),
                        minimum: try reader.read(UInt64.self), maximum: try reader.read(UInt64.self), sum: try reader.read(UInt64.self),
                        first: hasEnds ? try reader.read(UInt64.self) : nil, last: hasEnds ? try reader.read(UInt64.self) : nil
                    )
                )
            }
            entries.append(IndexEntry(key: key, type: type, blocks: blocks))
            key.withUnsafeBytes { lookup.insert($0, value: position) }
        }
    }

    func entry(for key: [UInt8]) -> IndexEntry? {
        key.withUnsafeBytes { lookup.find($0) }.map { entries[$0] }
    }

    /// The values of `key` within `range`, decoding only the blocks that overlap it.
    func column(for key: [UInt8], in range: ClosedRange<Int64>) throws -> FieldColumn? {
        guard let entry = entry(for: key) else { return nil }
        var columns: [FieldColumn] = []
        for block in entry.blocks where block.maxTime >= range.lowerBound && block.minTime <= range.upperBound {
            let decoded = try readBlock(block, of: key, upTo: range.upperBound)
            let lower = decoded.times.partitioningIndex { $0 >= range.lowerBound }
            let upper = decoded.times.partitioningIndex { $0 > range.upperBound }
            columns.append(lower == 0 && upper == decoded.count ? decoded : decoded.slice(lower..<upper))
        }
        return FieldColumn.merge(columns, type: entry.type)
    }

    /// A block of `key`'s values (numbers only as far as `upTo`). Its checksum is verified the first time it is read:
    /// the file never changes, and checksumming every read was 7–27% of a query that reads many blocks.
    func readBlock(_ block: BlockMeta, of key: [UInt8], upTo bound: Int64 = .max) throws -> FieldColumn {
        guard let offset = Int(exactly: block.offset) else { throw StorageError(.corruptFile, "\(path): block offset \(block.offset)") }
        let bytes = try file.read(at: offset, count: Int(block.size))
        let isVerified = verifiedBlocks.withLock { $0.contains(block.offset) }
        let column = try BlockCodec.decode(bytes, context: "\(path) at byte \(block.offset)", upTo: bound, verifyChecksum: !isVerified)
        if !isVerified { _ = verifiedBlocks.withLock { $0.insert(block.offset) } }
        ReadTrace.current?.record(shard: shardID, tsmKey: key, type: column.type, bytes: Int(block.size))
        return column
    }
}
