import FileIO
import Storage
import SundialTesting
import Testing
import TimeSeries

@Suite struct FlushAndFilesTests {
    @Test func manyPointsSpanSeveralBlocksAndSurviveFlushAndRestart() async throws {
        let directory = TemporaryDirectory()
        var engine = try makeEngine(directory)
        try engine.createDatabase("db")
        var random = SeededGenerator(seed: 3)
        var expected: [Int64: Double] = [:]
        for batch in 0..<5 {
            var lines = ""
            for index in 0..<1000 {
                let time = Int64(batch * 1000 + index) * 10_000_000_000
                let value = Double.random(in: 0...100, using: &random)
                expected[time] = value
                lines += "cpu,host=h value=\(value) \(time)\n"
            }
            try await engine.write(lines)
            if batch == 2 { try await engine.flush() }
        }
        try await engine.flush()
        engine.close()
        engine = try makeEngine(directory)
        let stored = try engine.values("cpu,host=h", "value")
        #expect(stored.count == 5000)
        #expect(stored.allSatisfy { expected[$0.0].map(FieldValue.float) == $0.1 })
        let range = try engine.read(database: "db", seriesKey: "cpu,host=h", field: "value", in: 10_000_000_000...20_000_000_000)
        #expect(range.flatMap(\.times) == [10_000_000_000, 20_000_000_000])
        engine.close()
    }

    @Test func aFullCacheFlushesInTheBackgroundAndEmptiesTheWAL() async throws {
        let directory = TemporaryDirectory()
        let engine = try makeEngine(directory, cacheSnapshotSize: 16 * 1024)
        try engine.createDatabase("db")
        for batch in 0..<20 {
            let lines = (0..<200).map { "m,host=h\($0 % 10) v=\($0)i \(batch * 200 + $0)" }.joined(separator: "\n")
            try await engine.write(lines)
        }
        try await engine.flush()
        let files = try POSIXFileSystem().contentsOfDirectory(directory.path + "/data/db/autogen/1")
        #expect(files.filter { $0.hasSuffix(".tsm") }.count >= 2)
        let segments = try POSIXFileSystem().contentsOfDirectory(directory.path + "/wal")
        #expect(segments.count == 1, "only the open segment remains: \(segments)")
        #expect(try engine.exported().count == 4000)
        engine.close()
    }

    @Test func tsmFilesAreSmallerThanTheirValues() async throws {
        let directory = TemporaryDirectory()
        let engine = try makeEngine(directory)
        try engine.createDatabase("db")
        let lines = (0..<10_000).map { "cpu,host=a usage=\(Double($0 % 100) / 4),count=\($0)i \(Int64($0) * 10_000_000_000)" }
        try await engine.write(lines.joined(separator: "\n"))
        try await engine.flush()
        let path = directory.path + "/data/db/autogen"
        let shard = try POSIXFileSystem().contentsOfDirectory(path)
        var bytes = 0
        for shardDirectory in shard {
            for file in try POSIXFileSystem().contentsOfDirectory(path + "/" + shardDirectory) {
                bytes += try POSIXFileSystem().openForReading(path + "/" + shardDirectory + "/" + file).size
            }
        }
        // 20,000 values with their timestamps would be 320,000 bytes raw.
        #expect(bytes < 40_000, "TSM bytes: \(bytes)")
        engine.close()
    }

    @Test func aDamagedTSMFileIsReportedAtStartUpNamingTheFile() async throws {
        let directory = TemporaryDirectory()
        var engine = try makeEngine(directory)
        try engine.createDatabase("db")
        try await engine.write("m v=1 1")
        try await engine.flush()
        engine.close()
        let path = directory.path + "/data/db/autogen/1/" + "000000001.tsm"
        var bytes = try POSIXFileSystem().openForReading(path).readAll()
        bytes[bytes.count - 25] ^= 0xFF
        try POSIXFileSystem().create(path).write(bytes)
        #expect(throws: StorageError(.corruptFile, "\(path): index checksum mismatch")) { engine = try makeEngine(directory) }
    }
}
