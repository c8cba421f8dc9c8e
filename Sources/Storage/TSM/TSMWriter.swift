import FileIO
import TimeSeries
import WriteAheadLog

/// Writes one immutable TSM file: keys must be added in ascending byte order, each with its time-sorted values.
///
/// The file is written under a temporary name, synced, then renamed into place and the directory synced, so a
/// crash never leaves a partial file under a real name.
struct TSMWriter {
    struct IndexEntry {
        let key: [UInt8]
        let type: FieldType
        var blocks: [BlockMeta]
    }

    private let fileSystem: any FileSystem
    let path: String
    private let file: any WritableFile
    private var offset: UInt64
    private(set) var index: [IndexEntry] = []
    private var buffer: [UInt8] = []

    init(path: String, fileSystem: any FileSystem) throws {
        self.path = path
        self.fileSystem = fileSystem
        file = try fileSystem.create(path + ".tmp")
        buffer = TSMFormat.magic
        offset = UInt64(TSMFormat.magic.count)
    }

    /// Appends `column` for `key` as blocks of at most `BlockCodec.maximumPoints` values.
    mutating func add(key: [UInt8], column: FieldColumn) throws {
        precondition(index.last.map { $0.key.lexicographicallyPrecedes(key) } ?? true, "TSM keys must be added in order")
        var entry = IndexEntry(key: key, type: column.type, blocks: [])
        var start = 0
        while start < column.count {
            let end = min(start + BlockCodec.maximumPoints, column.count)
            let slice = column.slice(start..<end)
            let block = BlockCodec.encode(slice)
            let statistics = BlockMeta.statistics(of: slice)
            let ends = BlockMeta.ends(of: slice)
            entry.blocks.append(
                BlockMeta(
                    minTime: slice.times.first!, maxTime: slice.times.last!, offset: offset, size: UInt32(block.count),
                    count: UInt32(slice.count), minimum: statistics.minimum, maximum: statistics.maximum, sum: statistics.sum,
                    first: ends.first, last: ends.last
                )
            )
            buffer.append(contentsOf: block)
            offset += UInt64(block.count)
            if buffer.count >= 1 << 20 { try drain() }
            start = end
        }
        if !entry.blocks.isEmpty { index.append(entry) }
    }

    /// Writes the index and footer, syncs, and renames the file into place.
    mutating func finish() throws {
        var writer = BinaryWriter()
        writer.append(UInt32(index.count))
        for entry in index {
            writer.append(UInt16(entry.key.count))
            writer.bytes.append(contentsOf: entry.key)
            writer.append(entry.type.rawValue)
            writer.append(UInt32(entry.blocks.count))
            for block in entry.blocks {
                writer.append(block.minTime)
                writer.append(block.maxTime)
                writer.append(block.offset)
                writer.append(block.size)
                writer.append(block.count)
                writer.append(block.minimum)
                writer.append(block.maximum)
                writer.append(block.sum)
                writer.append(block.first ?? 0)
                writer.append(block.last ?? 0)
            }
        }
        let indexOffset = offset
        let checksum = writer.bytes.withUnsafeBytes { CRC32C.checksum($0) }
        buffer.append(contentsOf: writer.bytes)
        var footer = BinaryWriter()
        footer.append(indexOffset)
        footer.append(checksum)
        footer.bytes.append(contentsOf: TSMFormat.magic)
        buffer.append(contentsOf: footer.bytes)
        try drain()
        try file.sync()
        try file.close()
        try fileSystem.rename(path + ".tmp", to: path)
        let directory = String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
        try fileSystem.syncDirectory(directory)
    }

    private mutating func drain() throws {
        try file.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Removes the temporary file after a failure.
    func abandon() {
        try? fileSystem.remove(path + ".tmp")
    }
}
