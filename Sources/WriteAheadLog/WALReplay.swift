public import FileIO

/// Reads every record of a WAL directory in order, before the log is opened for appending.
///
/// A frame that is cut short or fails its checksum is one of two things. When no intact frame follows it in its
/// segment, it is the torn tail of a write that was never acknowledged: the segment is truncated there. When intact
/// frames do follow, they may hold acknowledged writes, so the segment is left as it is, a copy is kept beside it
/// (`<segment>.wal.damaged`), the damaged bytes are skipped and every intact frame after them is replayed. Both are
/// reported, never a crash. Replay then goes on with the next segment.
public enum WALReplay {
    public struct Summary: Sendable, Equatable {
        public var records = 0
        public var segments: [Int] = []
        /// One line per repair or damaged region: which segment, where, and what was done.
        public var repairs: [String] = []
    }

    public static func replay(
        directory: String,
        fileSystem: any FileSystem,
        onRecord: ([UInt8], WALPosition) throws -> Void
    ) throws -> Summary {
        var summary = Summary()
        guard fileSystem.fileExists(directory) else { return summary }
        let ids = try fileSystem.contentsOfDirectory(directory).compactMap(WALSegmentName.id(of:)).sorted()
        for id in ids {
            let path = directory + "/" + WALSegmentName.fileName(for: id)
            let bytes = try fileSystem.openForReading(path).readAll()
            let frames = WALFrameScanner(bytes: bytes)
            var offset = 0
            var keptCopy = false
            while offset < bytes.count {
                if case .intact(let payload, let next) = frames.frame(at: offset) {
                    try onRecord(Array(bytes[payload]), WALPosition(segment: id, offset: offset))
                    summary.records += 1
                    offset = next
                    continue
                }
                let problem = frames.frame(at: offset).problem
                guard let resume = frames.nextIntactFrame(after: offset) else {
                    try truncate(path, to: offset, fileSystem: fileSystem)
                    summary.repairs.append(
                        "WAL segment \(WALSegmentName.fileName(for: id)): \(problem) at byte \(offset) of \(bytes.count); truncated there")
                    break
                }
                if !keptCopy {
                    try fileSystem.replaceContents(of: path + ".damaged", with: bytes)
                    try fileSystem.syncDirectory(directory)
                    keptCopy = true
                }
                summary.repairs.append(
                    "WAL segment \(WALSegmentName.fileName(for: id)): \(problem) at byte \(offset); bytes \(offset)..<\(resume) "
                        + "skipped, intact records after them replayed; a copy is kept in \(WALSegmentName.fileName(for: id)).damaged")
                offset = resume
            }
            summary.segments.append(id)
        }
        return summary
    }

    private static func truncate(_ path: String, to size: Int, fileSystem: any FileSystem) throws {
        let file = try fileSystem.openForAppending(path)
        try file.truncate(to: size)
        try file.sync()
        try file.close()
    }
}

/// Reads frames out of one segment's bytes, and finds where intact frames start again after damage.
struct WALFrameScanner {
    enum Frame {
        case intact(payload: Range<Int>, next: Int)
        case damaged(String)

        var problem: String {
            if case .damaged(let problem) = self { return problem }
            return "intact"
        }
    }

    let bytes: [UInt8]
    /// How many payload bytes a search for the next intact frame may checksum before it gives up, so that damage
    /// in a large segment costs a bounded time: a candidate start whose length fits is checked with one CRC.
    var checksumBudget = 1 << 30

    func frame(at offset: Int) -> Frame {
        guard bytes.count - offset >= WALRecordFrame.headerSize else { return .damaged("incomplete record header") }
        let length = Int(WALRecordFrame.readLittleEndian(bytes, at: offset))
        let start = offset + WALRecordFrame.headerSize
        guard length <= WALRecordFrame.maximumPayload, bytes.count - start >= length else { return .damaged("record cut short") }
        let checksum = WALRecordFrame.readLittleEndian(bytes, at: offset + 4)
        let matches = bytes.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[start..<start + length])) == checksum }
        return matches ? .intact(payload: start..<start + length, next: start + length) : .damaged("checksum mismatch")
    }

    /// The first offset after `damaged` where an intact frame starts that is followed by the segment's end or by
    /// another intact frame (two checksums in a row cannot match by chance), or nil when there is none.
    func nextIntactFrame(after damaged: Int) -> Int? {
        var budget = checksumBudget
        var candidate = damaged + 1
        while candidate + WALRecordFrame.headerSize <= bytes.count && budget > 0 {
            defer { candidate += 1 }
            let length = Int(WALRecordFrame.readLittleEndian(bytes, at: candidate))
            guard length > 0, length <= WALRecordFrame.maximumPayload,
                bytes.count - candidate - WALRecordFrame.headerSize >= length
            else { continue }
            budget -= length
            guard case .intact(_, let next) = frame(at: candidate) else { continue }
            if next == bytes.count { return candidate }
            if case .intact = frame(at: next) { return candidate }
        }
        return nil
    }
}
