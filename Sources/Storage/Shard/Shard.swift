import FileIO
import Foundation
import TimeSeries

/// The data of one shard group: an in-memory cache of recent writes, the cache being flushed (if a flush is under
/// way), and immutable TSM files, newest generation last. Field types are fixed here, per shard.
///
/// The cache (`cache`, `cacheSize`) is guarded by the shard's own `cacheLock`, so applying a batch to it does not
/// hold the engine's lock; everything else is guarded by the engine's lock. Lock order: engine, then shard.
/// TSM readers are immutable and read outside both.
final class Shard: @unchecked Sendable {
    private let cacheLock = NSLock()
    let id: Int
    let database: String
    let retentionPolicy: String
    let start: Int64
    let end: Int64
    let directory: String
    var cache: [SeriesFieldKey: CacheEntry] = [:]
    var cacheSize = 0
    /// What a flush in progress is writing; still read until its TSM file is in `files`.
    var snapshot: [SeriesFieldKey: CacheEntry] = [:] {
        didSet { snapshotSize = snapshot.values.reduce(0) { $0 + $1.size } }
    }
    /// Bytes held by `snapshot` (they count against the cache's maximum until the flush has written them).
    private(set) var snapshotSize = 0
    var files: [TSMReader] = []
    /// Field id → type, for every field this shard has stored.
    var fieldTypes: [Int: FieldType] = [:]
    var nextGeneration = 1
    /// Deletes not yet compacted away; they hide values of files (and of a snapshot being flushed).
    var tombstones: [Tombstone] = []

    /// The generation reserved for the snapshot being flushed (tombstones cover it by this number).
    var snapshotGeneration = 0

    init(id: Int, database: String, retentionPolicy: String, start: Int64, end: Int64, directory: String) {
        self.id = id
        self.database = database
        self.retentionPolicy = retentionPolicy
        self.start = start
        self.end = end
        self.directory = directory
    }

    /// Runs `body` holding the cache lock.
    func withCache<T>(_ body: () throws -> T) rethrows -> T {
        cacheLock.lock()
        defer { cacheLock.unlock() }
        return try body()
    }

    /// Adds a value to the cache; the caller holds the cache lock.
    func append(_ key: SeriesFieldKey, _ type: FieldType, _ time: Int64, _ value: FieldValue) {
        let entry: CacheEntry
        if let existing = cache[key] {
            entry = existing
        } else {
            entry = CacheEntry(type: type)
            cache[key] = entry
        }
        cacheSize += entry.append(time, value)
    }

    /// Adds a batch's values (those for shard number `shard` of the batch, or all when nil); the caller holds the
    /// cache lock. `order` lists them series by series, so each series' few entries are looked up once and kept at
    /// hand instead of hashing a key for every value.
    func append(_ values: [StorageEngine.PendingValue], inSeriesOrder order: [Int32], shard: Int?) {
        // Unmanaged: `cache` keeps every entry alive meanwhile, and a strong reference here cost a retain/release
        // pair per value.
        var entries: [(field: Int, entry: Unmanaged<CacheEntry>)] = []
        var currentSeries = -1
        var added = 0
        values.withUnsafeBufferPointer { values in
            for position in order {
                let key = values[Int(position)].key
                if let shard, values[Int(position)].shard != shard { continue }
                if key.series != currentSeries {
                    entries.removeAll(keepingCapacity: true)
                    currentSeries = key.series
                }
                var slot = entries.firstIndex { $0.field == key.field } ?? -1
                if slot < 0 {
                    let entry = cache[key] ?? CacheEntry(type: values[Int(position)].type)
                    if entry.count == 0 { cache[key] = entry }
                    entries.append((key.field, Unmanaged.passUnretained(entry)))
                    slot = entries.count - 1
                }
                added += entries[slot].entry._withUnsafeGuaranteedRef {
                    $0.append(values[Int(position)].time, values[Int(position)].value)
                }
            }
        }
        cacheSize += added
    }

    static func fileName(generation: Int) -> String {
        let digits = String(generation)
        return String(repeating: "0", count: max(0, 9 - digits.count)) + digits + ".tsm"
    }

    static func generation(of fileName: String) -> Int? {
        guard fileName.hasSuffix(".tsm") else { return nil }
        return Int(fileName.dropLast(4))
    }
}

/// A series field inside one database: the key of cache entries.
struct SeriesFieldKey: Hashable {
    let series: Int
    let field: Int
}
