import FileIO
import Storage
import SundialTesting
import Testing
import TimeSeries

@Suite struct CompactionAndRetentionTests {
    @Test func compactionMergesFilesKeepingTheNewestValues() async throws {
        let directory = TemporaryDirectory()
        var engine = try makeEngine(directory)
        try engine.createDatabase("db")
        for round in 0..<5 {
            try await engine.write("m,host=a v=\(round) 100\nm,host=a v=\(round * 10) \(200 + round)\nm,host=b n=\(round)i 300")
            try await engine.flush()
        }
        let shardPath = directory.path + "/data/db/autogen/1"
        #expect(try POSIXFileSystem().contentsOfDirectory(shardPath).count == 5)
        #expect(try engine.compact() == 1)
        #expect(try POSIXFileSystem().contentsOfDirectory(shardPath) == ["000000006.tsm"])
        let expected = [
            "m,host=a v=0.0 200", "m,host=a v=10.0 201", "m,host=a v=20.0 202", "m,host=a v=30.0 203", "m,host=a v=4.0 100",
            "m,host=a v=40.0 204", "m,host=b n=4i 300",
        ]
        #expect(try engine.exported() == expected)
        engine.close()
        engine = try makeEngine(directory)
        #expect(try engine.exported() == expected)
        #expect(try engine.compact() == 0)
        engine.close()
    }

    @Test func retentionDropsWholeExpiredShardGroupsOnly() async throws {
        let directory = TemporaryDirectory()
        let hour: Int64 = 3_600_000_000_000
        let now = Clock(testNow)
        let engine = try StorageEngine(configuration: .init(directory: directory.path, clock: { now.value }))
        defer { engine.close() }
        try engine.createDatabase("db", defaultPolicy: RetentionPolicyInfo(name: "day", duration: 24 * hour))
        try await engine.write("m v=1 \(testNow - 20 * hour)\nm v=2 \(testNow)")
        #expect(try engine.enforceRetention().isEmpty)
        now.value = testNow + 6 * hour
        let dropped = try engine.enforceRetention()
        #expect(dropped.count == 1)
        #expect(try engine.values("m", "v").map(\.1) == [.float(2)])
        #expect(engine.databaseInfo("db")?.retentionPolicies[0].shardGroups.count == 1)
    }

    @Test func dropShardRemovesItsGroupForGoodEvenWithItsPointsStillInTheWAL() async throws {
        let directory = TemporaryDirectory()
        let week: Int64 = 7 * 24 * 3_600_000_000_000
        var engine = try makeEngine(directory)
        try engine.createDatabase("db")
        // Two shard groups (a week each); nothing flushed, so every point is still in the WAL.
        try await engine.write("m v=1 \(testNow - 2 * week)\nm v=2 \(testNow)")
        let groups = engine.databaseInfo("db")?.retentionPolicies[0].shardGroups ?? []
        try #require(groups.count == 2)
        let old = try #require(groups.first { $0.start <= testNow - 2 * week && testNow - 2 * week < $0.end })
        try await engine.dropShard(UInt64(old.shardID))
        #expect(try engine.exported() == ["m v=2.0 \(testNow)"])
        try await engine.dropShard(999)  // no such shard: nothing happens, as in InfluxDB
        // A point written into the dropped range afterwards makes a new group and stays.
        try await engine.write("m v=3 \(testNow - 2 * week + 1)")
        engine.close()
        engine = try makeEngine(directory)
        defer { engine.close() }
        #expect(try engine.exported() == ["m v=2.0 \(testNow)", "m v=3.0 \(testNow - 2 * week + 1)"])
        #expect(engine.databaseInfo("db")?.retentionPolicies[0].shardGroups.count == 2)
    }
}

/// A settable clock for tests that move time forward.
final class Clock: @unchecked Sendable {
    var value: Int64
    init(_ value: Int64) { self.value = value }
}
