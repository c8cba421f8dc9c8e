public import FileIO
public import Foundation
import TimeSeries
import WriteAheadLog

/// The embedded time-series store: databases → retention policies → shard groups → shards, a write-ahead log,
/// per-shard caches and compressed TSM files.
///
/// Writes are validated, written durably to the WAL, then applied to the caches; a background flush turns caches
/// into TSM files and drops the WAL segments they cover. At start-up the TSM files are opened, their keys
/// rebuild the series index, and the WAL replays whatever had not been flushed.
///
/// One lock guards all in-memory state; disk writes of the WAL and of TSM files happen outside it.
public final class StorageEngine: @unchecked Sendable {
    public struct Configuration: Sendable {
        public var directory: String
        public var fileSystem: any FileSystem
        /// Cache bytes (all shards) that start a flush to TSM files.
        public var cacheSnapshotSize: Int
        /// Cache bytes (all shards, snapshots being flushed included) past which writes are refused with InfluxDB's
        /// "cache-max-memory-size exceeded" until a flush frees memory; 0 is no limit.
        public var cacheMaxSize: Int
        public var maxSeriesPerDatabase: Int
        public var maxValuesPerTag: Int
        public var walFsyncDelay: Duration
        /// Nanoseconds since the epoch; injected so tests control retention and default timestamps.
        public var clock: @Sendable () -> Int64
        /// Where the engine reports what it repaired or could not do in the background.
        public var log: @Sendable (String) -> Void

        public init(
            directory: String,
            fileSystem: any FileSystem = POSIXFileSystem(),
            cacheSnapshotSize: Int = 25 << 20,
            cacheMaxSize: Int = 1 << 30,
            maxSeriesPerDatabase: Int = 1_000_000,
            maxValuesPerTag: Int = 100_000,
            walFsyncDelay: Duration = .zero,
            clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1e9) },
            log: @escaping @Sendable (String) -> Void = { _ in }
        ) {
            self.directory = directory
            self.fileSystem = fileSystem
            self.cacheSnapshotSize = cacheSnapshotSize
            self.cacheMaxSize = cacheMaxSize
            self.maxSeriesPerDatabase = maxSeriesPerDatabase
            self.maxValuesPerTag = maxValuesPerTag
            self.walFsyncDelay = walFsyncDelay
            self.clock = clock
            self.log = log
        }
    }

    public let configuration: Configuration
    let lock = NSLock()
    var meta: MetaData
    let metaStore: MetaStore
    var databases: [String: DatabaseState] = [:]
    /// Counts databases created and dropped (see `indexVersion()`).
    var catalogVersion = 0
    var wal: WriteAheadLog!
    /// Writes between their WAL append and their cache update, by flush generation (see `flush()`).
    var writesInFlight: [Int: Int] = [:]
    var flushGeneration = 0
    var isFlushing = false
    /// Gets a copy of writes to policies with subscriptions; nil until the store service sets it.
    var subscriptionSink: (any SubscriptionSink)?
    var writeObserver: (any WriteObserver)?
    /// What start-up repaired or skipped, for the log.
    public private(set) var recoveryNotes: [String] = []
    /// InfluxDB's statistics (`SHOW STATS`, `/debug/vars`), the store's own and those the parts around it keep.
    public let statistics: StoreStatistics
    /// The `write` statistic's counters.
    let writeCounters: StoreStatistics.Counters

    var fileSystem: any FileSystem { configuration.fileSystem }
    var dataDirectory: String { configuration.directory + "/data" }
    var walDirectory: String { configuration.directory + "/wal" }

    /// Opens (or creates) the store in `configuration.directory` and recovers its state.
    public init(configuration: Configuration) throws {
        self.configuration = configuration
        _ = ProcessFacts.started
        let statistics = StoreStatistics()
        self.statistics = statistics
        writeCounters = statistics.counters("write", names: Self.writeCounterNames)
        try configuration.fileSystem.createDirectory(configuration.directory)
        metaStore = MetaStore(directory: configuration.directory, fileSystem: configuration.fileSystem)
        meta = try metaStore.load()
        try removeTree(backupWorkDirectory)
        try openShards()
        recoveryNotes = try replayWAL()
        wal = try WriteAheadLog(
            configuration: .init(directory: walDirectory, fileSystem: configuration.fileSystem, fsyncDelay: configuration.walFsyncDelay)
        )
        statistics.addProvider { [weak self] in [ProcessFacts.runtimeStatistic()] + (self?.storeStatistics() ?? []) }
    }

    /// Stops the WAL's flusher. Unflushed data stays in the WAL and replays at the next start.
    public func close() {
        wal?.close()
    }

    deinit {
        close()
    }

    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    func shardDirectory(database: String, retentionPolicy: String, shardID: Int) -> String {
        "\(dataDirectory)/\(Self.pathComponent(database))/\(Self.pathComponent(retentionPolicy))/\(shardID)"
    }

    /// Database and policy names may hold any character; directory names get `/` and `%` percent-encoded.
    static func pathComponent(_ name: String) -> String {
        var result = ""
        for scalar in name.unicodeScalars {
            if scalar == "/" || scalar == "%" || scalar == "\0" || (result.isEmpty && scalar == ".") {
                result += "%" + String(scalar.value, radix: 16, uppercase: true)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
