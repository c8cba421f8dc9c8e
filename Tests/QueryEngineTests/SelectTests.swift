import InfluxQL
import QueryEngine
import Storage
import SundialTesting
import Testing
import TimeSeries

@testable import QueryEngine

@Suite struct SelectTests {
    private let second: Int64 = 1_000_000_000

    /// The JSON answer to `query` (epoch seconds) over four points in two series of `m`, in a fresh store.
    private func runOnSampleData(_ query: String) async throws -> String {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(configuration: .init(directory: directory.path, clock: { 3_600_000_000_000 }))
        defer { engine.close() }
        try engine.createDatabase("db")
        let lines = ["m,host=a v=1,i=1i 0", "m,host=a v=3,i=2i 20", "m,host=b v=10,i=3i 5", "m,host=b v=20,i=4i 45"]
        try await engine.write(Array(lines.joined(separator: "\n").utf8), database: "db", precision: .seconds)
        let results = await QueryExecutor(engine: engine).execute(try Parser.parse(query), context: .init(database: "db"))
        return QueryResponseEncoder.json(results, epoch: .seconds)
    }

    @Test func bucketsAlignToTheEpochPlusOffset() {
        #expect(QueryExecutor.bucketStart(25 * second, width: 10 * second, offset: 0) == 20 * second)
        #expect(QueryExecutor.bucketStart(25 * second, width: 10 * second, offset: 5 * second) == 25 * second)
        #expect(QueryExecutor.bucketStart(-1, width: 10 * second, offset: 0) == -10 * second)
    }

    @Test func fillPreviousAndLinear() async throws {
        #expect(
            try await runOnSampleData(
                "SELECT max(v) FROM m WHERE host = 'a' AND time >= 0 AND time < 40s GROUP BY time(10s) fill(previous)")
                == #"{"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","max"],"values":[[0,1],[10,1],[20,3],[30,3]]}]}]}"#
        )
        #expect(
            try await runOnSampleData("SELECT mean(v) FROM m WHERE host = 'a' AND time >= 0 AND time < 30s GROUP BY time(10s) fill(linear)")
                == #"{"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","mean"],"values":[[0,1],[10,2],[20,3]]}]}]}"#)
    }

    @Test func aggregatesKeepIntegerTypesWhereInfluxDBDoes() async throws {
        #expect(
            try await runOnSampleData("SELECT sum(i), mean(i), count(i), spread(i) FROM m")
                == #"{"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","sum","mean","count","spread"],"values":[[0,10,2.5,4,3]]}]}]}"#
        )
    }

    @Test func rawRowsDescendingAcrossSeries() async throws {
        #expect(
            try await runOnSampleData("SELECT v FROM m ORDER BY time DESC LIMIT 3")
                == #"{"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","v"],"values":[[45,20],[20,3],[5,10]]}]}]}"#)
    }

    @Test func fieldConditionsWithArithmetic() async throws {
        #expect(
            try await runOnSampleData("SELECT v FROM m WHERE v * 2 > 5 AND (i + 1) % 2 = 0")
                == #"{"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","v"],"values":[[5,10]]}]}]}"#)
    }

    /// The aggregate runs from one interval before the range; derivatives default to the GROUP BY interval;
    /// empty buckets are gaps, except for count, where they are zeros.
    @Test func transformationsOfAggregates() async throws {
        let range = "WHERE host = 'a' AND time >= 0 AND time < 30s GROUP BY time(10s)"
        #expect(
            try await runOnSampleData("SELECT derivative(max(v)) FROM m \(range)")
                == #"{"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","derivative"],"values":[[20,1]]}]}]}"#)
        #expect(
            try await runOnSampleData("SELECT difference(count(v)) FROM m \(range)")
                == #"{"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","difference"],"values":[[0,1],[10,-1],[20,1]]}]}]}"#
        )
        #expect(
            try await runOnSampleData("SELECT derivative(mean(v)) FROM m")
                == #"{"results":[{"statement_id":0,"error":"derivative aggregate requires a GROUP BY interval"}]}"#)
    }

    @Test func onlyTagsSelectedAnswersNoSeries() async throws {
        #expect(try await runOnSampleData("SELECT host FROM m") == #"{"results":[{"statement_id":0}]}"#)
    }

    @Test(arguments: [
        ("SELECT mean(v), v FROM m", "mixing aggregate and non-aggregate queries is not supported"),
        ("SELECT max(v), min(v), host FROM m", "mixing multiple selector functions with tags or fields is not supported"),
        ("SELECT mean(v, i) FROM m", "invalid number of arguments for mean, expected 1, got 2"),
        ("SELECT time FROM m", "at least 1 non-time field must be queried"),
        (
            "SELECT mean(v) FROM m WHERE time >= 0 GROUP BY time(1ns)",
            "too many GROUP BY time buckets to answer at once: (3600000000001/10000000); narrow the time range or widen the interval"
        ),
    ])
    func statementErrors(_ query: String, _ message: String) async throws {
        #expect(try await runOnSampleData(query) == #"{"results":[{"statement_id":0,"error":"\#(message)"}]}"#)
    }
}

@Suite struct WindowedReadTests {
    private func run(_ query: String, _ engine: StorageEngine) async throws -> String {
        let results = await QueryExecutor(engine: engine).execute(try Parser.parse(query), context: .init(database: "db"))
        return QueryResponseEncoder.json(results, epoch: .seconds)
    }

    /// A week of points every minute for three series: LIMIT and first/last read only a window of it, and must give
    /// what reading everything gives.
    @Test func limitsAndFirstLastMatchAFullRead() async throws {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(configuration: .init(directory: directory.path, clock: { 700_000 * 1_000_000_000 }))
        defer { engine.close() }
        try engine.createDatabase("db")
        var lines: [String] = []
        for minute in 0..<10_080 {
            for host in ["a", "b", "c"] where !(host == "c" && minute > 5000) {
                lines.append("m,host=\(host) v=\(minute)i \(minute * 60)")
            }
        }
        try await engine.write(Array(lines.joined(separator: "\n").utf8), database: "db", precision: .seconds)
        #expect(
            try await run("SELECT v FROM m LIMIT 4", engine)
                == #"{"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","v"],"values":[[0,0],[0,0],[0,0],[60,1]]}]}]}"#)
        #expect(
            try await run("SELECT v FROM m WHERE host = 'c' ORDER BY time DESC LIMIT 2", engine)
                == #"{"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","v"],"values":[[300000,5000],[299940,4999]]}]}]}"#
        )
        #expect(
            try await run("SELECT last(v) FROM m GROUP BY host", engine)
                == #"{"results":[{"statement_id":0,"series":[{"name":"m","tags":{"host":"a"},"columns":["time","last"],"values":[[604740,10079]]},{"name":"m","tags":{"host":"b"},"columns":["time","last"],"values":[[604740,10079]]},{"name":"m","tags":{"host":"c"},"columns":["time","last"],"values":[[300000,5000]]}]}]}"#
        )
        #expect(
            try await run("SELECT first(v) FROM m WHERE time > 1000s", engine)
                == #"{"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","first"],"values":[[1020,17]]}]}]}"#)
    }
}
