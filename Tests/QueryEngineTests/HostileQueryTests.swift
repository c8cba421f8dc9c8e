import Foundation
import InfluxQL
import Storage
import SundialTesting
import Testing
import TimeSeries

@testable import QueryEngine

/// Queries and data at the edges of Int64 (issue 15's examples): each answers as InfluxDB does, or with a clean
/// error, and never traps.
@Suite struct HostileQueryTests {
    private static let lines = [
        "m v=1 -9223372036854775806", "m v=2 9223372036854775806", "n i=9223372036854775807i 10", "n i=0i 20",
        "o i=-9223372036854775808i 10", "p i=9223372036854775807i 10", "p i=-1i 20",
    ]

    private func run(_ queries: [String]) async throws -> [String] {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(configuration: .init(directory: directory.path, clock: { 1_767_225_600_000_000_000 }))
        defer { engine.close() }
        try engine.createDatabase("db")
        let outcome = try await engine.write(Array(Self.lines.joined(separator: "\n").utf8), database: "db")
        #expect(outcome.errorMessage == nil)
        var answers: [String] = []
        for query in queries {
            let results = await QueryExecutor(engine: engine).execute(try Parser.parse(query), context: .init(database: "db"))
            answers.append(QueryResponseEncoder.json(results, epoch: .nanoseconds))
        }
        return answers
    }

    private func values(_ json: String) -> String? {
        json.range(of: #""values":"#).map { String(json[$0.upperBound...].dropLast(5)) }
    }

    @Test func pointsAtBothEndsOfTimeReadBack() async throws {
        let answers = try await run(["SELECT * FROM m", "SELECT * FROM m LIMIT 9223372036854775807 OFFSET 1", "SELECT count(v) FROM m"])
        #expect(values(answers[0]) == "[[-9223372036854775806,1],[9223372036854775806,2]]")
        #expect(values(answers[1]) == "[[9223372036854775806,2]]")
        #expect(values(answers[2]) == "[[0,2]]")
    }

    @Test func groupByTimeWithAHugeOffsetOrAcrossAllOfTime() async throws {
        let answers = try await run([
            "SELECT mean(v) FROM m WHERE time > now() - 1h GROUP BY time(1h, -9000000000000000000ns)",
            // The offset is kept as its remainder by the interval, which for this one is zero.
            "SELECT mean(v) FROM m WHERE time > now() - 1h GROUP BY time(1h)",
            "SELECT count(v) FROM m WHERE time < now() GROUP BY time(1h)",
            "SELECT count(v) FROM m WHERE time > now() - 1h GROUP BY time(1m) fill(99999999999999999999)",
        ])
        #expect(answers[0] == answers[1])
        #expect(answers[2].contains(#""error":"too many GROUP BY time buckets to answer at once: (9223372036854775807/10000000)"#))
        #expect(answers[3].hasPrefix(#"{"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","count"],"values":[["#))
    }

    /// A two-argument math function over a wildcard (found by Fuzz/QueryPlannerFuzzer after 9.2 million runs: it
    /// indexed a second argument that was not there).
    @Test func aTwoArgumentFunctionOfAWildcardIsAnArgumentCountError() async throws {
        let answers = try await run(["SELECT log(*) FROM m", "SELECT pow(*) FROM m", "SELECT atan2(*) FROM m", "SELECT abs(*) FROM m"])
        #expect(answers[0].contains(#""error":"invalid number of arguments for log, expected 2, got 1""#), "\(answers[0])")
        #expect(answers[1].contains("invalid number of arguments for pow, expected 2, got 1"))
        #expect(answers[2].contains("invalid number of arguments for atan2, expected 2, got 1"))
        #expect(answers[3].contains(#""columns":["time","abs_v"]"#), "\(answers[3])")
    }

    @Test func integerMathWrapsAsGoDoes() async throws {
        let answers = try await run(["SELECT spread(i) FROM n", "SELECT spread(i) FROM p", "SELECT i % -1 FROM o", "SELECT -i FROM o"])
        #expect(values(answers[0]) == "[[0,9223372036854775807]]")
        #expect(values(answers[1]) == "[[0,-9223372036854775808]]")
        #expect(values(answers[2]) == "[[10,0]]")
        #expect(values(answers[3]) == "[[10,-9223372036854775808]]")
    }

    @Test func timeLiteralsOutsideInfluxDBsRangeAreItsErrors() async throws {
        let answers = try await run([
            "SELECT * FROM m WHERE time > '2300-01-01T00:00:00Z'", "SELECT * FROM m WHERE time > '1600-01-01T00:00:00Z'",
            "SELECT * FROM m WHERE time > '1677-09-21T00:12:43.145224192Z'",
            "SELECT * FROM m WHERE time > '2000-01-01T00:00:00.1234567891234Z'",
            "SELECT * FROM m WHERE time > '2000-01-01T00:00:00+99:99'",
        ])
        #expect(answers[0] == #"{"results":[{"statement_id":0,"error":"time 2300-01-01T00:00:00Z overflows time literal"}]}"#)
        #expect(answers[1] == #"{"results":[{"statement_id":0,"error":"time 1600-01-01T00:00:00Z underflows time literal"}]}"#)
        #expect(answers[2] == #"{"results":[{"statement_id":0,"error":"time 1677-09-21T00:12:43Z underflows time literal"}]}"#)
        #expect(values(answers[3]) == "[[9223372036854775806,2]]")
        #expect(answers[4] == #"{"results":[{"statement_id":0,"error":"invalid time literal: '2000-01-01T00:00:00+99:99'"}]}"#)
    }

    @Test func aHugeMovingAverageWindowAllocatesNothingForIt() async throws {
        let answers = try await run(Array(repeating: "SELECT moving_average(v, 9223372036854775807) FROM m", count: 5))
        #expect(answers.allSatisfy { $0 == #"{"results":[{"statement_id":0}]}"# })
    }
}
