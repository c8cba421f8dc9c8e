import InfluxQL
import QueryEngine
import Storage
import SundialTesting
import Testing
import TimeSeries

@Suite struct SeriesStatementTests {
    private func engineWithData(_ directory: TemporaryDirectory) async throws -> StorageEngine {
        let engine = try StorageEngine(configuration: .init(directory: directory.path, clock: { 1_000_000_000_000 }))
        try engine.createDatabase("db")
        let lines = [
            "cpu,host=a,region=west v=1,n=1i 10", "cpu,host=b,region=east v=2 20", "cpu,host=c v=3 30",
            "mem,host=a used=5i,free=1.5 10",
        ]
        try await engine.write(Array(lines.joined(separator: "\n").utf8), database: "db")
        return engine
    }

    private func run(_ query: String, _ engine: StorageEngine) async throws -> String {
        let results = await QueryExecutor(engine: engine).execute(try Parser.parse(query), context: .init(database: "db"))
        return QueryResponseEncoder.json(results)
    }

    @Test func showSeriesTagKeysTagValuesFieldKeys() async throws {
        let directory = TemporaryDirectory()
        let engine = try await engineWithData(directory)
        defer { engine.close() }
        #expect(
            try await run("SHOW SERIES WHERE host = 'a'", engine)
                == #"{"results":[{"statement_id":0,"series":[{"columns":["key"],"values":[["cpu,host=a,region=west"],["mem,host=a"]]}]}]}"#)
        #expect(
            try await run("SHOW TAG KEYS FROM cpu", engine)
                == #"{"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["tagKey"],"values":[["host"],["region"]]}]}]}"#)
        #expect(
            try await run("SHOW TAG VALUES WITH KEY = region", engine)
                == #"{"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["key","value"],"values":[["region","east"],["region","west"]]}]}]}"#
        )
        #expect(
            try await run("SHOW FIELD KEYS", engine)
                == #"{"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["fieldKey","fieldType"],"values":[["n","integer"],["v","float"]]},{"name":"mem","columns":["fieldKey","fieldType"],"values":[["free","float"],["used","integer"]]}]}]}"#
        )
        #expect(try await run("SHOW SERIES FROM nothing", engine) == #"{"results":[{"statement_id":0}]}"#)
    }

    /// The index keeps each key's values sorted between requests; a new series or a dropped one must show at once.
    @Test func tagValuesFollowWritesAndDrops() async throws {
        let directory = TemporaryDirectory()
        let engine = try await engineWithData(directory)
        defer { engine.close() }
        let query = "SHOW TAG VALUES FROM cpu WITH KEY = host"
        let before = #"{"results":[{"statement_id":0,"series":[{"name":"cpu","columns":["key","value"],"values":"#
        #expect(try await run(query, engine) == before + #"[["host","a"],["host","b"],["host","c"]]}]}]}"#)
        try await engine.write(Array("cpu,host=B v=4 40\ncpu,host=ab v=5 50".utf8), database: "db")
        // Byte order: upper case before lower case, a prefix before its extensions.
        #expect(try await run(query, engine) == before + #"[["host","B"],["host","a"],["host","ab"],["host","b"],["host","c"]]}]}]}"#)
        _ = try await run("DROP SERIES FROM cpu WHERE host = 'a'", engine)
        #expect(try await run(query, engine) == before + #"[["host","B"],["host","ab"],["host","b"],["host","c"]]}]}]}"#)
    }

    @Test func deleteWithTimeAndDropSeriesAndMeasurement() async throws {
        let directory = TemporaryDirectory()
        let engine = try await engineWithData(directory)
        defer { engine.close() }
        #expect(
            try await run("DELETE FROM cpu WHERE time >= '1970-01-01T00:00:00.000000020Z' AND region = 'east'", engine)
                == #"{"results":[{"statement_id":0}]}"#)
        var lines: [String] = []
        try engine.exportLineProtocol(database: "db") { lines.append($0) }
        #expect(!lines.contains("cpu,host=b,region=east v=2.0 20"))
        #expect(lines.contains("cpu,host=c v=3.0 30"))
        #expect(
            try await run("DROP SERIES WHERE time > 0", engine)
                == #"{"results":[{"statement_id":0,"error":"DROP SERIES doesn't support time in WHERE clause"}]}"#)
        #expect(
            try await run("DROP SERIES FROM cpu WHERE v = '1'", engine)
                == #"{"results":[{"statement_id":0,"error":"DROP SERIES doesn't support fields in WHERE clause"}]}"#)
        _ = try await run("DROP SERIES FROM cpu WHERE host = 'c'", engine)
        #expect(
            try await run("SHOW SERIES FROM cpu", engine)
                == #"{"results":[{"statement_id":0,"series":[{"columns":["key"],"values":[["cpu,host=a,region=west"],["cpu,host=b,region=east"]]}]}]}"#
        )
        _ = try await run("DROP MEASUREMENT cpu", engine)
        #expect(
            try await run("SHOW MEASUREMENTS", engine)
                == #"{"results":[{"statement_id":0,"series":[{"name":"measurements","columns":["name"],"values":[["mem"]]}]}]}"#)
    }

    @Test func rfc3339TimesParse() {
        #expect(RFC3339.parse("1970-01-01T00:00:00Z")?.nanoseconds == 0)
        #expect(RFC3339.parse("2026-01-01T00:00:00.5Z")?.nanoseconds == 1_767_225_600_500_000_000)
        #expect(RFC3339.parse("2026-01-01T01:00:00+01:00")?.nanoseconds == 1_767_225_600_000_000_000)
        #expect(RFC3339.parse("2026-01-01")?.nanoseconds == 1_767_225_600_000_000_000)
        #expect(RFC3339.parse("2026-01-01 00:00:01")?.nanoseconds == 1_767_225_601_000_000_000)
        #expect(RFC3339.parse("1969-12-31T23:59:59.999999999Z")?.nanoseconds == -1)
        #expect(RFC3339.parse("yesterday") == nil)
        #expect(RFC3339.parse("2026-13-01T00:00:00Z") == nil)
        #expect(RFC3339.parse("2026-01-01T00:00:00.1234567891234Z")?.nanoseconds == 1_767_225_600_123_456_789)
        #expect(RFC3339.parse("2000-01-01T00:00:00+99:99") == nil)
        #expect(RFC3339.parse("2300-01-01T00:00:00Z").map { $0.nanoseconds == nil && $0.seconds == 10_413_792_000 } == true)
    }
}
