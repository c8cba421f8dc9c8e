import Foundation
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
        #expect(Integral.windows(points, unit: 1, buckets: nil) == [0: 24])
        #expect(Integral.windows(points, unit: 1, buckets: TimeBuckets(width: 4, offset: 0)) == [0: 13, 4: 11])
        // Same-time points: only the last counts; a lone point at a window start gives that window nothing.
        #expect(Integral.windows([(0, 1), (0, 3), (2, 3)], unit: 1, buckets: nil) == [0: 6])
        #expect(Integral.windows([(4, 1)], unit: 1, buckets: TimeBuckets(width: 4, offset: 0)) == [:])
    }
}

/// `tz()`: windows on a zone's wall clock, across daylight-saving changes.
@Suite struct TimeZoneBucketTests {
    private let hour: Int64 = 3_600_000_000_000

    @Test func daysStartAtLocalMidnightOnBothSidesOfAChange() throws {
        let chicago = try #require(TimeZone(identifier: "America/Chicago"))
        let days = TimeBuckets(width: 24 * hour, offset: 0, zone: chicago)
        // 2021-03-13T12:00Z, the day before the change: midnight there is 06:00Z.
        let before: Int64 = 1_615_636_800 * 1_000_000_000
        #expect(days.start(of: before) == before - 6 * hour)
        // The 14th has 23 hours; the 15th starts at 05:00Z.
        let fourteenth = days.next(after: days.start(of: before))
        #expect(fourteenth == before + 18 * hour)
        #expect(days.next(after: fourteenth) == fourteenth + 23 * hour)
    }

    @Test func utcWindowsAreUnchanged() {
        let buckets = TimeBuckets(width: 10, offset: 3)
        #expect(buckets.start(of: 25) == 23 && buckets.next(after: 23) == 33 && buckets.start(of: -1) == -7)
    }

    @Test func timesAreWrittenWithTheZonesOffset() throws {
        let chicago = try #require(TimeZone(identifier: "America/Chicago"))
        #expect(RFC3339.format(nanoseconds: 1, zone: chicago) == "1969-12-31T18:00:00.000000001-06:00")
        #expect(RFC3339.format(nanoseconds: 0, zone: TimeZone(identifier: "Asia/Kolkata")) == "1970-01-01T05:30:00+05:30")
        #expect(RFC3339.format(nanoseconds: 0, zone: TimeZone(identifier: "UTC")) == "1970-01-01T00:00:00Z")
    }
}

@Suite struct QueryRegistryTests {
    @Test func killedQueriesStopAtTheirNextStep() throws {
        let registry = QueryRegistry()
        let id = try registry.register([.showDatabases, .showQueries], database: "db")
        #expect(registry.show().values.first?[1] == .string("SHOW DATABASES;\nSHOW QUERIES"))
        try registry.check(id)
        try registry.kill(id)
        #expect(throws: QueryError("query interrupted")) { try registry.check(id) }
        registry.finish(id)
        #expect(throws: QueryError("no such query id: \(id)")) { try registry.kill(id) }
        #expect(try registry.register([.showQueries], database: nil) == id + 1)
    }
}

@Suite struct IndexedTagConditionTests {
    @Test func onlyTopLevelTagEqualitiesNarrowThroughTheIndex() throws {
        func required(_ condition: String) throws -> [String] {
            guard case .deleteSeries(let delete) = try Parser.parse("DELETE WHERE \(condition)")[0], let expression = delete.condition
            else { return [] }
            return TagPredicate.requiredEqualities(expression).map { "\($0.key)=\($0.value)" }
        }
        #expect(try required("host = 'a' AND (cpu = 'c1' AND 'x' = region)") == ["host=a", "cpu=c1", "region=x"])
        #expect(try required("host = 'a' OR cpu = 'c1'") == [])
        #expect(try required("host = '' AND cpu != 'c1' AND dc =~ /x/") == [])
    }

    @Test func theIndexAnswersTheSameSeriesAsAFilter() async throws {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(configuration: .init(directory: directory.path))
        defer { engine.close() }
        try engine.createDatabase("db")
        let lines = (0..<60).map { "m,host=h\($0 % 5),cpu=c\($0 % 3) v=1 \($0)" }
        try await engine.write(Array(lines.joined(separator: "\n").utf8), database: "db")
        let narrowed = try engine.series(database: "db", measurement: "m", tagEquals: [("host", "h2"), ("cpu", "c1")])
        let filtered = try engine.series(database: "db", measurement: "m").filter { $0.tags["host"] == "h2" && $0.tags["cpu"] == "c1" }
        #expect(narrowed.map(\.key) == filtered.map(\.key) && narrowed.map(\.key) == ["m,cpu=c1,host=h2"])
        #expect(try engine.series(database: "db", measurement: "m", tagEquals: [("host", "nope")]).isEmpty)
    }
}
