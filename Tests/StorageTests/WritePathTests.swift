import Storage
import SundialTesting
import Testing
import TimeSeries

@Suite struct WritePathTests {
    @Test func writtenPointsReadBackFromCacheFilesAndAfterRestart() async throws {
        let directory = TemporaryDirectory()
        var engine = try makeEngine(directory)
        try engine.createDatabase("db")
        let outcome = try await engine.write(
            "cpu,host=a value=1,n=5i,s=\"x\",b=true,u=7u 100\ncpu,host=a value=2 200\ncpu,host=b value=3 100")
        #expect(outcome.pointsWritten == 3 && outcome.errorMessage == nil)
        let expected: [(Int64, FieldValue)] = [(100, .float(1)), (200, .float(2))]
        #expect(try engine.values("cpu,host=a", "value").elementsEqual(expected) { $0 == $1 })
        try await engine.flush()
        #expect(try engine.values("cpu,host=a", "value").elementsEqual(expected) { $0 == $1 })
        try await engine.write("cpu,host=a value=4 300")
        engine.close()
        engine = try makeEngine(directory)
        #expect(try engine.values("cpu,host=a", "value").map(\.0) == [100, 200, 300])
        #expect(try engine.values("cpu,host=a", "n").map(\.1) == [.integer(5)])
        #expect(try engine.values("cpu,host=a", "s").map(\.1) == [.string("x")])
        #expect(try engine.values("cpu,host=a", "u").map(\.1) == [.unsigned(7)])
        #expect(try engine.values("cpu,host=a", "b").map(\.1) == [.boolean(true)])
        #expect(try engine.measurementNames(database: "db") == ["cpu"])
        #expect(try engine.seriesKeys(database: "db") == ["cpu,host=a", "cpu,host=b"])
        engine.close()
    }

    @Test func sameSeriesAndTimeMergesFieldsAndTheLastWriteWins() async throws {
        let directory = TemporaryDirectory()
        let engine = try makeEngine(directory)
        try engine.createDatabase("db")
        try await engine.write("m a=1,b=1 10")
        try await engine.flush()
        try await engine.write("m a=2 10")
        #expect(try engine.values("m", "a").map(\.1) == [.float(2)])
        #expect(try engine.values("m", "b").map(\.1) == [.float(1)])
        try await engine.write("m a=3 10\nm a=4 10")
        #expect(try engine.values("m", "a").map(\.1) == [.float(4)])
        engine.close()
    }

    /// The cache is filled series by series: values of interleaved series, across two shard groups and with
    /// repeated times, must still land in their own series and shard with the last write winning.
    @Test func interleavedSeriesAcrossShardGroupsKeepArrivalOrder() async throws {
        let directory = TemporaryDirectory()
        let engine = try makeEngine(directory)
        try engine.createDatabase("db")
        let week: Int64 = 7 * 86_400 * 1_000_000_000
        let lines = [
            "m,h=a v=1,w=1i 10", "m,h=b v=2 10", "m,h=a v=3 \(week + 5)", "m,h=a v=4 10", "m,h=b w=5i 20",
            "m,h=a w=6i 10", "m,h=b v=7 \(week + 5)", "m,h=a v=8 \(week + 5)",
        ]
        let outcome = try await engine.write(lines.joined(separator: "\n"))
        #expect(outcome.pointsWritten == 8)
        #expect(try engine.values("m,h=a", "v").elementsEqual([(10, .float(4)), (week + 5, .float(8))]) { $0 == $1 })
        #expect(try engine.values("m,h=a", "w").elementsEqual([(10, .integer(6))]) { $0 == $1 })
        #expect(try engine.values("m,h=b", "v").elementsEqual([(10, .float(2)), (week + 5, .float(7))]) { $0 == $1 })
        #expect(try engine.values("m,h=b", "w").elementsEqual([(20, .integer(5))]) { $0 == $1 })
        try await engine.flush()
        #expect(try engine.values("m,h=a", "v").elementsEqual([(10, .float(4)), (week + 5, .float(8))]) { $0 == $1 })
        engine.close()
    }

    @Test func fieldTypeConflictsDropThePointWithInfluxDBsText() async throws {
        let directory = TemporaryDirectory()
        let engine = try makeEngine(directory)
        try engine.createDatabase("db")
        try await engine.write("m f=1 10")
        let outcome = try await engine.write("m f=1i 20\nm f=2 30")
        #expect(outcome.pointsWritten == 1)
        #expect(
            outcome.errorMessage
                == "partial write: field type conflict: input field \"f\" on measurement \"m\" is type integer, already exists as type float dropped=1"
        )
        #expect(try engine.values("m", "f").map(\.0) == [10, 30])
        engine.close()
    }

    @Test func typesAreFixedPerShardNotPerDatabase() async throws {
        let directory = TemporaryDirectory()
        let engine = try makeEngine(directory)
        try engine.createDatabase("db")
        let week: Int64 = 7 * 86_400 * 1_000_000_000
        try await engine.write("m f=1 \(testNow - 4 * week)")
        let outcome = try await engine.write("m f=1i \(testNow)")
        #expect(outcome.errorMessage == nil)
        #expect(try engine.fields(database: "db", measurement: "m").map(\.type) == [.float, .integer])
        engine.close()
    }

    @Test func parseErrorsAndGoodLinesInOneBatch() async throws {
        let directory = TemporaryDirectory()
        let engine = try makeEngine(directory)
        try engine.createDatabase("db")
        let outcome = try await engine.write("m v=1 1\nbad\nm v=2 2")
        #expect(outcome.pointsWritten == 2)
        #expect(outcome.errorMessage == "partial write: unable to parse 'bad': missing fields dropped=0")
        let allBad = try await engine.write("bad\nworse")
        #expect(allBad.errorMessage == "unable to parse 'bad': missing fields\nunable to parse 'worse': missing fields")
        // A dropped point is reported before a line that did not parse, as InfluxDB 1.8's write handler checks.
        let both = try await engine.write("m v=1i 3\nbad")
        #expect(both.errorMessage?.hasPrefix("partial write: field type conflict: input field \"v\"") == true)
        #expect(both.errorMessage?.hasSuffix("dropped=1") == true)
        engine.close()
    }

    @Test func reservedTimeKeys() async throws {
        let directory = TemporaryDirectory()
        let engine = try makeEngine(directory)
        try engine.createDatabase("db")
        let tag = try await engine.write("m,time=1 v=1 5")
        #expect(tag.errorMessage == "partial write: invalid tag key: input tag \"time\" on measurement \"m\" is invalid dropped=1")
        let onlyField = try await engine.write("m time=1 5")
        #expect(
            onlyField.errorMessage == "partial write: invalid field name: input field \"time\" on measurement \"m\" is invalid dropped=1")
        let withOthers = try await engine.write("m time=1,v=2 5")
        #expect(withOthers.errorMessage == nil)
        #expect(try engine.fields(database: "db", measurement: "m").map(\.name) == ["v"])
        engine.close()
    }

    @Test func retentionDropsOldPoints() async throws {
        let directory = TemporaryDirectory()
        let engine = try makeEngine(directory)
        let hour: Int64 = 3_600_000_000_000
        try engine.createDatabase("db", defaultPolicy: RetentionPolicyInfo(name: "short", duration: hour))
        let outcome = try await engine.write("m v=1 \(testNow - 2 * hour)\nm v=2 \(testNow)")
        #expect(outcome.errorMessage == "partial write: points beyond retention policy dropped=1")
        #expect(try engine.values("m", "v", database: "db").map(\.0) == [testNow])
        engine.close()
    }

    @Test func seriesAndTagValueLimits() async throws {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(
            configuration: .init(directory: directory.path, maxSeriesPerDatabase: 2, maxValuesPerTag: 1, clock: { testNow })
        )
        try engine.createDatabase("db")
        let tags = try await engine.write("m,host=a v=1 1\nm,host=b v=1 1")
        #expect(
            tags.errorMessage
                == "partial write: max-values-per-tag limit exceeded (1/1): measurement=\"m\" tag=\"host\" value=\"b\" dropped=1")
        let series = try await engine.write("x v=1 1\ny v=1 1")
        #expect(series.errorMessage == "partial write: max-series-per-database limit exceeded: (2) dropped=1")
        engine.close()
    }

    @Test func unknownDatabaseAndPolicy() async throws {
        let directory = TemporaryDirectory()
        let engine = try makeEngine(directory)
        await #expect(throws: StorageError.databaseNotFound("nope")) { try await engine.write("m v=1", database: "nope") }
        try engine.createDatabase("db")
        await #expect(throws: StorageError(.retentionPolicyNotFound, "retention policy not found: rp")) {
            try await engine.write("m v=1", retentionPolicy: "rp")
        }
        engine.close()
    }

    @Test func droppedDatabasesStayDroppedAfterReplay() async throws {
        let directory = TemporaryDirectory()
        var engine = try makeEngine(directory)
        try engine.createDatabase("db")
        try await engine.write("m v=1 1")
        try await engine.dropDatabase("db")
        try engine.createDatabase("db")
        try await engine.write("m v=2 2")
        engine.close()
        engine = try makeEngine(directory)
        #expect(try engine.values("m", "v").map(\.1) == [.float(2)])
        engine.close()
    }
}

extension StorageError {
    static func databaseNotFound(_ name: String) -> StorageError {
        StorageError(.databaseNotFound, "database not found: \"\(name)\"")
    }
}
