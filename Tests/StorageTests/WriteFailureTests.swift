import FileIO
import SundialTesting
import Testing
import TimeSeries
import WriteAheadLog

@testable import Storage

/// Writes that must be refused or must not leave anything behind: a point that conflicts with itself, a WAL write
/// that fails, a full cache, a policy recreated under an old name.
@Suite struct WriteFailureTests {
    @Test func aPointNamingOneFieldWithTwoTypesIsDroppedAndReadsStayWhole() async throws {
        let directory = TemporaryDirectory()
        var engine = try makeEngine(directory)
        try engine.createDatabase("db")
        let outcome = try await engine.write("m v=1i,v=2.5 10\nm v=3i 20")
        #expect(outcome.pointsWritten == 1 && outcome.dropped == 1)
        #expect(
            outcome.firstDropReason
                == "field type conflict: input field \"v\" on measurement \"m\" is type float, already exists as type integer")
        #expect(try engine.values("m", "v").map(\.1) == [.integer(3)])
        let sameType = try await engine.write("m v=4i,v=5i 30")
        #expect(sameType.pointsWritten == 1)
        #expect(try engine.values("m", "v").map(\.1) == [.integer(3), .integer(5)])
        engine.close()
        engine = try makeEngine(directory)
        #expect(try engine.values("m", "v").map(\.1) == [.integer(3), .integer(5)])
        engine.close()
    }

    @Test func aFirstPointWithTwoTypesLeavesNoTypeBehind() async throws {
        let directory = TemporaryDirectory()
        let engine = try makeEngine(directory)
        try engine.createDatabase("db")
        _ = try await engine.write("m v=1i,v=2.5 10")
        let outcome = try await engine.write("m v=2.5 20")
        #expect(outcome.pointsWritten == 1)
        #expect(try engine.values("m", "v").map(\.1) == [.float(2.5)])
        engine.close()
    }

    @Test func aFailedWALWriteLeavesNoSeriesInTheIndex() async throws {
        let directory = TemporaryDirectory()
        try makeEngine(directory).createDatabase("db")
        let injector = FaultInjectingFileSystem()
        let engine = try makeEngine(directory, fileSystem: injector)
        try await engine.write("cpu,host=kept v=1 10")
        // The next write's first file call is the WAL segment's write.
        injector.failCall(1, with: .io)
        await #expect(throws: StorageError.self) { try await engine.write("cpu,host=ghost v=1 10\ncpu,host=kept v=2 20") }
        #expect(try engine.seriesKeys(database: "db") == ["cpu,host=kept"])
        try await engine.write("cpu,host=ghost v=3 30")
        #expect(try engine.seriesKeys(database: "db") == ["cpu,host=ghost", "cpu,host=kept"])
        engine.close()
    }

    @Test func aDroppedAndRecreatedPolicyDoesNotGetItsOldPointsBackOnReplay() async throws {
        let directory = TemporaryDirectory()
        var engine = try makeEngine(directory)
        try engine.createDatabase("db")
        let policy = RetentionPolicyInfo(name: "rp")
        try engine.createRetentionPolicy(policy, database: "db", makeDefault: false)
        try await engine.write("old v=1 10", retentionPolicy: "rp")
        try engine.dropRetentionPolicy("rp", database: "db")
        try engine.createRetentionPolicy(policy, database: "db", makeDefault: false)
        try await engine.write("new v=2 20", retentionPolicy: "rp")
        #expect(try engine.exported(retentionPolicy: "rp") == ["new v=2.0 20"])
        engine.close()
        engine = try makeEngine(directory)
        #expect(try engine.exported(retentionPolicy: "rp") == ["new v=2.0 20"])
        engine.close()
    }

    @Test func writesPastTheCacheMaximumAreRefusedUntilAFlushFreesIt() async throws {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(
            configuration: .init(directory: directory.path, cacheSnapshotSize: 1 << 30, cacheMaxSize: 64, clock: { testNow }))
        try engine.createDatabase("db")
        try await engine.write("m v=1 1\nm v=2 2\nm v=3 3\nm v=4 4\nm v=5 5")
        do {
            try await engine.write("m v=6 6")
            Issue.record("a write past cache-max-memory-size was accepted")
        } catch let error as StorageError {
            #expect(error.kind == .writeFailed)
            #expect(error.message.hasPrefix("engine: cache-max-memory-size exceeded: ("))
        }
        try await engine.flush()
        try await engine.write("m v=6 6")
        #expect(try engine.values("m", "v").count == 6)
        engine.close()
    }
}

/// WAL records whose checksum matches but whose contents are impossible (found by Fuzz/WALReplayFuzzer).
@Suite struct UnreadableWALRecordTests {
    @Test func aDeleteWhoseRangeIsBackwardsIsSkippedAndTheStoreOpens() async throws {
        let directory = TemporaryDirectory()
        var engine = try makeEngine(directory)
        try engine.createDatabase("db")
        try await engine.write("m v=1 10")
        engine.close()
        let log = try WriteAheadLog(configuration: .init(directory: directory.path + "/wal"))
        let backwards = WALDelete(database: "db", incarnation: 1, minTime: 10, maxTime: 5, dropsSeries: false, seriesKeys: ["m"])
        _ = try await log.append(backwards.encoded())
        log.close()
        engine = try makeEngine(directory)
        #expect(try engine.values("m", "v").map(\.1) == [.float(1)])
        #expect(engine.recoveryNotes.contains { $0.contains("cannot be read") && $0.contains("delete from 10 to 5") })
        engine.close()
    }
}
