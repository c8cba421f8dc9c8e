import InfluxQL
import Storage
import SundialTesting
import Testing
import TimeSeries

@testable import QueryEngine

/// top(), bottom(), sample() and integral(): the functions whose rows are picked points or areas.
@Suite struct SelectionTests {
    private func run(_ query: String) async throws -> [[ResultValue]] {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(configuration: .init(directory: directory.path, clock: { 3_600_000_000_000 }))
        defer { engine.close() }
        try engine.createDatabase("db")
        let lines = (1...20).map { "m,host=h\($0 % 4) v=\($0 * 7 % 11),n=\($0)i \($0)" }
        try await engine.write(Array(lines.joined(separator: "\n").utf8), database: "db", precision: .seconds)
        let results = await QueryExecutor(engine: engine).execute(try Parser.parse(query), context: .init(database: "db"))
        #expect(results[0].error == nil, "\(results[0].error ?? "")")
        return results[0].series.first?.values ?? []
    }

    @Test func sampleReturnsTheAskedNumberOfDistinctPointsInTimeOrder() async throws {
        let rows = try await run("SELECT sample(n, 5), host FROM m")
        #expect(rows.count == 5)
        let times = rows.map { row -> Int64 in if case .time(let time) = row[0] { time } else { -1 } }
        #expect(times == times.sorted() && Set(times).count == 5)
        for row in rows {
            guard case .time(let time) = row[0] else { continue }
            #expect(row[1] == .integer(time / 1_000_000_000), "the value belongs to the point's time")
        }
    }

    @Test func topKeepsTheGreatestAndBreaksTiesByTime() async throws {
        let rows = try await run("SELECT top(v, 3) FROM m")
        // v = n*7 mod 11 reaches 10 at n = 3 and 14, 9 at n = 13 and ... : the earliest of equal values win.
        let values = rows.map(\.[1])
        #expect(values.count == 3)
        #expect(values.allSatisfy { if case .float(let v) = $0 { v >= 9 } else { false } })
    }

    @Test func integralSplitsSegmentsAtWindowEnds() {
        let points: [(time: Int64, value: Double)] = [(1, 1), (2, 5), (3, 3), (4, 9), (5, 2), (6, 9)]
        #expect(Integral.windows(points, unit: 1, interval: nil) == [0: 24])
        #expect(Integral.windows(points, unit: 1, interval: (4, 0)) == [0: 13, 4: 11])
        // Same-time points: only the last counts; a lone point at a window start gives that window nothing.
        #expect(Integral.windows([(0, 1), (0, 3), (2, 3)], unit: 1, interval: nil) == [0: 6])
        #expect(Integral.windows([(4, 1)], unit: 1, interval: (4, 0)) == [:])
    }
}
