import FileIO
import Storage
import SundialTesting
import Testing
import TimeSeries

/// `writeBackup` and `restoreDatabase`, through the files alone (the stream and the commands: StoreBackupTests and
/// e2e/tests/test_store_backup.py).
@Suite struct BackupAndRestoreTests {
    private let week: Int64 = 7 * 86_400_000_000_000

    func seeded(_ directory: TemporaryDirectory) async throws -> StorageEngine {
        let engine = try makeEngine(directory)
        try engine.createDatabase("db")
        try await engine.write("cpu,host=a v=1 \(testNow - 3 * week)\ncpu,host=b v=2 \(testNow - week)\nmem,host=a used=3i \(testNow)")
        try await engine.flush()
        try await engine.write("cpu,host=a v=4 \(testNow - week + 1)")  // still in the cache
        try await engine.deleteSeries(database: "db", seriesKeys: ["cpu,host=b"], in: Int64.min...Int64.max, dropSeries: false)
        return engine
    }

    @Test func aBackupHoldsEveryAcknowledgedValueLessDeletedOnesAndRestoresUnderANewName() async throws {
        let source = TemporaryDirectory()
        let engine = try await seeded(source)
        let backup = TemporaryDirectory()
        let (meta, shards) = try await engine.writeBackup(into: backup.path, databases: nil, since: nil)
        #expect(meta.databases.map(\.name) == ["db"])
        #expect(shards.count == 3 && shards.allSatisfy { $0.file != nil })
        let expected = try engine.exported()
        let files = Dictionary(uniqueKeysWithValues: shards.map { ($0.shardID, backup.path + "/" + $0.file!) })
        let info = meta.database("db")!

        // Beside the original: new ids, the same values.
        let restored = try engine.restoreDatabase(info, as: "copy", files: files)
        #expect(restored.shardGroups == 3 && !restored.keptIDs)
        #expect(try engine.exported(database: "copy") == expected)
        #expect(throws: StorageError.self) { try engine.restoreDatabase(info, as: "copy", files: files) }
        engine.close()

        // Into an empty store: the ids are kept, and everything survives a restart.
        let target = TemporaryDirectory()
        var empty = try makeEngine(target)
        #expect(try empty.restoreDatabase(info, as: "db", files: files).keptIDs)
        empty.close()
        empty = try makeEngine(target)
        #expect(try empty.exported() == expected)
        #expect(empty.databaseInfo("db")?.retentionPolicies[0].shardGroups == info.retentionPolicies[0].shardGroups)
        try await empty.write("cpu,host=c v=5 \(testNow)")  // a new value finds the restored shard group
        #expect(try empty.exported().count == expected.count + 1)
        empty.close()
    }

    @Test func sinceLeavesOutOlderValuesAndShardsWhollyBeforeIt() async throws {
        let source = TemporaryDirectory()
        let engine = try await seeded(source)
        defer { engine.close() }
        let backup = TemporaryDirectory()
        let (_, shards) = try await engine.writeBackup(into: backup.path, databases: ["db"], since: testNow - week + 1)
        #expect(shards.filter { $0.file != nil }.count == 2)
        let files = Dictionary(
            uniqueKeysWithValues: shards.compactMap { shard in shard.file.map { (shard.shardID, backup.path + "/" + $0) } })
        _ = try engine.restoreDatabase(engine.databaseInfo("db")!, as: "recent", files: files)
        #expect(try engine.exported(database: "recent") == ["cpu,host=a v=4.0 \(testNow - week + 1)", "mem,host=a used=3i \(testNow)"])
    }
}

extension BackupAndRestoreTests {
    @Test func aDamagedShardFileStopsTheRestoreAndLeavesNothingBehind() async throws {
        let source = TemporaryDirectory()
        let engine = try await seeded(source)
        defer { engine.close() }
        let backup = TemporaryDirectory()
        let (meta, shards) = try await engine.writeBackup(into: backup.path, databases: nil, since: nil)
        var files = Dictionary(uniqueKeysWithValues: shards.map { ($0.shardID, backup.path + "/" + $0.file!) })
        let garbage = backup.path + "/garbage.tsm"
        try POSIXFileSystem().replaceContents(of: garbage, with: Array("not a TSM file".utf8))
        files[shards[1].shardID] = garbage
        #expect(throws: StorageError.self) { try engine.restoreDatabase(meta.database("db")!, as: "broken", files: files) }
        #expect(!engine.databaseNames.contains("broken"))
        #expect(!POSIXFileSystem().fileExists(source.path + "/data/broken/autogen"))
        // The ids the failed restore chose are free again, and a new shard there starts empty.
        try engine.createDatabase("next")
        try await engine.write("m v=1 \(testNow)", database: "next")
        #expect(try engine.exported(database: "next") == ["m v=1.0 \(testNow)"])
    }
}
