/// Segment files are named by an increasing id, zero-padded so names sort in log order: `00000042.wal`.
public enum WALSegmentName {
    public static func fileName(for id: Int) -> String {
        let digits = String(id)
        return String(repeating: "0", count: max(0, 8 - digits.count)) + digits + ".wal"
    }

    /// The id in a segment file name, or nil for any other file.
    public static func id(of fileName: String) -> Int? {
        guard fileName.hasSuffix(".wal") else { return nil }
        return Int(fileName.dropLast(4))
    }
}

/// Where a record ended up: the segment it is in and its offset there.
public struct WALPosition: Sendable, Hashable, Comparable {
    public let segment: Int
    public let offset: Int

    public static func < (lhs: WALPosition, rhs: WALPosition) -> Bool {
        (lhs.segment, lhs.offset) < (rhs.segment, rhs.offset)
    }
}
