public import FileIO

/// Reads every record of a WAL directory in order, before the log is opened for appending.
///
/// A frame that is cut short or fails its checksum ends a segment's good data: the segment is truncated there
/// (the torn tail of a write that was never acknowledged) and the problem is reported, never a crash. Replay then
/// goes on with the next segment, which a log that recovered from a failed write may have started.
public enum WALReplay {
    public struct Summary: Sendable, Equatable {
        public var records = 0
        public var segments: [Int] = []
        /// One line per truncated segment: which, where, and why.
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
            var offset = 0
            var problem: String?
            while offset < bytes.count {
                guard bytes.count - offset >= WALRecordFrame.headerSize else {
                    problem = "incomplete record header"
                    break
                }
                let length = Int(WALRecordFrame.readLittleEndian(bytes, at: offset))
                let checksum = WALRecordFrame.readLittleEndian(bytes, at: offset + 4)
                let start = offset + WALRecordFrame.headerSize
                guard length <= WALRecordFrame.maximumPayload, bytes.count - start >= length else {
                    problem = "record cut short"
                    break
                }
                let payload = Array(bytes[start..<start + length])
                guard payload.withUnsafeBytes({ CRC32C.checksum($0) }) == checksum else {
                    problem = "checksum mismatch"
                    break
                }
                try onRecord(payload, WALPosition(segment: id, offset: offset))
                summary.records += 1
                offset = start + length
            }
            if let problem {
                let file = try fileSystem.openForAppending(path)
                try file.truncate(to: offset)
                try file.sync()
                summary.repairs.append(
                    "WAL segment \(WALSegmentName.fileName(for: id)): \(problem) at byte \(offset) of \(bytes.count); truncated there"
                )
            }
            summary.segments.append(id)
        }
        return summary
    }
}
