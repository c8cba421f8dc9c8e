import InfluxQL
import QueryEngine
import Storage
import SundialTesting
import Testing
import TimeSeries

/// Aggregates answered from TSM block statistics give exactly what decoding every value gives.
@Suite struct BlockStatisticsTests {
    private func run(_ query: String, _ engine: StorageEngine) async throws -> String {
        let results = await QueryExecutor(engine: engine).execute(try Parser.parse(query), context: .init(database: "db"))
        return QueryResponseEncoder.json(results, epoch: .seconds)
    }

    @Test func flushedAndUnflushedDataGiveTheSameAggregates() async throws {
        let queries = [
            "SELECT count(v), sum(v), mean(v), min(v), max(v) FROM m",
            "SELECT count(f), sum(f), mean(f), min(f), max(f) FROM m WHERE time >= 100s AND time < 2200s GROUP BY time(500s)",
            "SELECT sum(v) FROM m WHERE time >= 0 AND time < 3000s GROUP BY time(700s) fill(none)",
            "SELECT max(f) FROM m WHERE time >= 0 AND time < 3000s GROUP BY time(1000s)",
        ]
        var answers: [[String]] = []
        for flush in [false, true] {
            let directory = TemporaryDirectory()
            let engine = try StorageEngine(configuration: .init(directory: directory.path, clock: { 3_600_000_000_000 }))
            try engine.createDatabase("db")
            let lines = (0..<2500).map { "m v=\($0 % 97)i,f=\(Double($0) / 8) \($0)" }
            try await engine.write(Array(lines.joined(separator: "\n").utf8), database: "db", precision: .seconds)
            if flush {
                try await engine.flush()
                let blocks = try engine.readChunks(database: "db", seriesKey: "m", field: "v").filter {
                    if case .block = $0 { true } else { false }
                }
                #expect(blocks.count == 3, "the flushed data must be read as block statistics")
            }
            var answer: [String] = []
            for query in queries { answer.append(try await run(query, engine)) }
            answers.append(answer)
            engine.close()
        }
        #expect(answers[0] == answers[1])
        #expect(
            answers[0][0]
                == #"{"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","count","sum","mean","min","max"],"values":[[0,2500,\#((0..<2500).reduce(0) { $0 + $1 % 97 }),\#(Double((0..<2500).reduce(0) { $0 + $1 % 97 }) / 2500),0,96]]}]}]}"#
        )
    }

    /// A lone min()/max() found from block statistics answers what reading every row answers (a field condition
    /// that is always true forces the row path), with ties going to the earliest point and then the first series.
    @Test func loneExtremaFromBlocksMatchTheRowPath() async throws {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(configuration: .init(directory: directory.path, clock: { 3_600_000_000_000 }))
        defer { engine.close() }
        try engine.createDatabase("db")
        let lines = (0..<3000).map { "m,host=h\($0 % 3) v=\($0 * 37 % 101)i,f=\(Double($0 * 13 % 89) / 4) \($0)" }
        try await engine.write(Array(lines.joined(separator: "\n").utf8), database: "db", precision: .seconds)
        try await engine.flush()
        try await engine.write(Array("m,host=h1 v=100i,f=22 5000".utf8), database: "db", precision: .seconds)
        for (fast, slow) in [
            ("SELECT max(v) FROM m", "SELECT max(v) FROM m WHERE v > -1"),
            ("SELECT min(v) FROM m", "SELECT min(v) FROM m WHERE v > -1"),
            (
                "SELECT max(f) FROM m WHERE time >= 100s AND time < 2000s",
                "SELECT max(f) FROM m WHERE time >= 100s AND time < 2000s AND f > -1"
            ),
            ("SELECT min(f) FROM m GROUP BY host", "SELECT min(f) FROM m WHERE f > -1 GROUP BY host"),
        ] {
            #expect(try await run(fast, engine) == run(slow, engine), "\(fast)")
        }
    }

    /// first() and last() over the whole range from the blocks' first and last values answer what reading every row
    /// answers, with series tied at one time, cached points after the files, a delete, and string and boolean fields.
    @Test func firstAndLastFromBlockEndsMatchTheRowPath() async throws {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(configuration: .init(directory: directory.path, clock: { 3_600_000_000_000 }))
        defer { engine.close() }
        try engine.createDatabase("db")
        let lines = (0..<3000).map {
            "m,host=h\($0 % 3) v=\($0 * 37 % 101)i,f=\(Double($0 * 13 % 89) / 4),b=\($0 % 2 == 0),s=\"x\($0 % 7)\" \($0 / 3)"
        }
        try await engine.write(Array(lines.joined(separator: "\n").utf8), database: "db", precision: .seconds)
        try await engine.flush()
        let summary = try engine.readChunks(database: "db", seriesKey: "m,host=h0", field: "f").compactMap { chunk -> BlockSummary? in
            if case .block(let summary) = chunk { summary } else { nil }
        }.last
        #expect(summary?.last == .float(Double(2997 * 13 % 89) / 4) && summary?.first == .float(0))
        try await engine.write(Array("m,host=h1 v=100i,f=22,b=true,s=\"late\" 5000".utf8), database: "db", precision: .seconds)
        // h0's last point rewritten: the cache's value must win over the file's, then the newer file's.
        try await engine.write(Array("m,host=h0 f=99 999".utf8), database: "db", precision: .seconds)
        try await engine.deleteSeries(database: "db", seriesKeys: ["m,host=h2"], in: 990_000_000_000...1_000_000_000_000, dropSeries: false)
        try await compareFirstAndLast(engine)
        try await engine.flush()
        try await compareFirstAndLast(engine)
        #expect(try await run("SELECT last(f) FROM m WHERE host = 'h0'", engine).contains("[999,99]"))
    }

    private func compareFirstAndLast(_ engine: StorageEngine) async throws {
        for (fast, slow) in [
            ("SELECT last(*) FROM m", "SELECT last(*) FROM m WHERE v > -1"),
            ("SELECT first(*) FROM m GROUP BY host", "SELECT first(*) FROM m WHERE v > -1 GROUP BY host"),
            ("SELECT last(f) FROM m GROUP BY host", "SELECT last(f) FROM m WHERE v > -1 GROUP BY host"),
            (
                "SELECT first(v), last(s) FROM m WHERE time >= 100s AND time < 900s",
                "SELECT first(v), last(s) FROM m WHERE time >= 100s AND time < 900s AND v > -1"
            ),
            ("SELECT last(b) FROM m WHERE time < 1000s", "SELECT last(b) FROM m WHERE time < 1000s AND v > -1"),
        ] {
            #expect(try await run(fast, engine) == run(slow, engine), "\(fast)")
        }
    }
}
