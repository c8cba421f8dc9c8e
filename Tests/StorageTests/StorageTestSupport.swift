import FileIO
import Storage
import SundialTesting
import TimeSeries

/// A fixed clock: 2026-01-01T00:00:00Z.
let testNow: Int64 = 1_767_225_600_000_000_000

func makeEngine(_ directory: TemporaryDirectory, fileSystem: any FileSystem = POSIXFileSystem(), cacheSnapshotSize: Int = 25 << 20)
    throws -> StorageEngine
{
    try StorageEngine(
        configuration: .init(directory: directory.path, fileSystem: fileSystem, cacheSnapshotSize: cacheSnapshotSize, clock: { testNow })
    )
}

extension StorageEngine {
    @discardableResult
    func write(_ text: String, database: String = "db", retentionPolicy: String? = nil, precision: Precision = .nanoseconds)
        async throws -> WriteOutcome
    {
        try await write(Array(text.utf8), database: database, retentionPolicy: retentionPolicy, precision: precision)
    }

    /// All values of one series field as (time, value) pairs.
    func values(_ seriesKey: String, _ field: String, database: String = "db") throws -> [(Int64, FieldValue)] {
        try read(database: database, seriesKey: seriesKey, field: field).flatMap { column in
            (0..<column.count).map { (column.times[$0], column.value(at: $0)) }
        }
    }

    func exported(database: String = "db", retentionPolicy: String? = nil) throws -> [String] {
        var lines: [String] = []
        try exportLineProtocol(database: database, retentionPolicy: retentionPolicy) { lines.append($0) }
        return lines.sorted()
    }
}
