import FileIO
import Storage
import SundialTesting
import Testing
import TimeSeries

@Suite struct DeleteTests {
    private func seeded(_ directory: TemporaryDirectory) async throws -> StorageEngine {
        let engine = try makeEngine(directory)
        try engine.createDatabase("db")
        try await engine.write("cpu,host=a v=1 10\ncpu,host=a v=2 20\ncpu,host=b v=3 10\nmem,host=a used=4i 10")
        try await engine.flush()
        try await engine.write("cpu,host=a v=5 30\ncpu,host=b v=6 30")
        return engine
    }

    @Test func deletingATimeRangeHidesValuesInFilesAndCacheAndSurvivesRestart() async throws {
        let directory = TemporaryDirectory()
        var engine = try await seeded(directory)
        try await engine.deleteSeries(database: "db", seriesKeys: ["cpu,host=a"], in: 15...40, dropSeries: false)
        let expected = ["cpu,host=a v=1.0 10", "cpu,host=b v=3.0 10", "cpu,host=b v=6.0 30", "mem,host=a used=4i 10"]
        #expect(try engine.exported() == expected)
        engine.close()
        engine = try makeEngine(directory)
        #expect(try engine.exported() == expected)
        try await engine.flush()
        #expect(try engine.compact(minimumFiles: 2) == 1)
        #expect(try engine.exported() == expected)
        #expect(!POSIXFileSystem().fileExists(directory.path + "/data/db/autogen/1/tombstones.json"))
        engine.close()
    }

    @Test func writesAfterADeleteStayVisible() async throws {
        let directory = TemporaryDirectory()
        var engine = try await seeded(directory)
        try await engine.deleteSeries(database: "db", seriesKeys: ["cpu,host=a"], in: Int64.min...Int64.max, dropSeries: false)
        try await engine.write("cpu,host=a v=9 20")
        try await engine.flush()
        #expect(try engine.values("cpu,host=a", "v").map(\.1) == [.float(9)])
        engine.close()
        engine = try makeEngine(directory)
        #expect(try engine.values("cpu,host=a", "v").map(\.1) == [.float(9)])
        engine.close()
    }

    @Test func droppingAMeasurementRemovesItsSeriesFromTheIndexForGood() async throws {
        let directory = TemporaryDirectory()
        var engine = try await seeded(directory)
        try await engine.dropMeasurement(database: "db", name: "cpu")
        #expect(try engine.measurementNames(database: "db") == ["mem"])
        #expect(try engine.seriesKeys(database: "db") == ["mem,host=a"])
        engine.close()
        engine = try makeEngine(directory)
        #expect(try engine.measurementNames(database: "db") == ["mem"])
        #expect(try engine.exported() == ["mem,host=a used=4i 10"])
        try await engine.write("cpu,host=z v=1 50")
        #expect(try engine.seriesKeys(database: "db", measurement: "cpu") == ["cpu,host=z"])
        engine.close()
    }

    @Test func deletesDuringAFlushCoverTheSnapshotBeingWritten() async throws {
        let directory = TemporaryDirectory()
        let engine = try makeEngine(directory)
        try engine.createDatabase("db")
        try await engine.write("cpu,host=a v=1 10")
        async let flushing: Void = engine.flush()
        try await engine.deleteSeries(database: "db", seriesKeys: ["cpu,host=a"], in: 0...100, dropSeries: false)
        try await flushing
        #expect(try engine.exported() == [])
        engine.close()
    }
}
