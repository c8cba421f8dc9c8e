import InfluxQL
import Storage
import SundialTesting
import Testing
import TimeSeries

@testable import QueryEngine

/// Answers found to differ from InfluxDB 1.6.7's when the two were compared query by query (the same cases run
/// against the real InfluxDB in e2e/tests/test_influxdb_compat.py, "corners: …").
@Suite struct InfluxQLCornerTests {
    private let data = """
        tie,host=a v=5,i=1i 100
        tie,host=b v=5,i=1i 100
        tie,host=c v=3,i=2i 100
        tie,host=a v=9,i=3i 200
        tie,host=b v=9,i=3i 200
        cast,host=a f=2.7,i=-3i,s="x",b=true 0
        cast,host=b f=-2.7,i=5i,s="y",b=false 1
        """

    private func run(_ query: String) async throws -> StatementResult {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(configuration: .init(directory: directory.path, clock: { 3_600_000_000_000 }))
        defer { engine.close() }
        try engine.createDatabase("db")
        try await engine.write(Array(data.utf8), database: "db", precision: .seconds)
        return await QueryExecutor(engine: engine).execute(try Parser.parse(query), context: .init(database: "db"))[0]
    }

    private func rows(_ query: String) async throws -> [[ResultValue]] {
        let result = try await run(query)
        #expect(result.error == nil, "\(result.error ?? "")")
        return result.series.first?.values ?? []
    }

    @Test func aSelectorShowsTheTagsOfThePointItSelected() async throws {
        // Three series share the time of the minimum; the minimum is host c's.
        #expect(try await rows("SELECT min(v), host FROM tie").first?.last == .string("c"))
        // last() without GROUP BY time reads newest first: of equal points the later series wins; first() the earlier.
        #expect(try await rows("SELECT last(v), host FROM tie").first?.last == .string("b"))
        #expect(try await rows("SELECT first(v), host FROM tie WHERE time > 150s").first?.last == .string("a"))
    }

    @Test func bottomListsPointsOfOneTimeBestFirst() async throws {
        #expect(try await rows("SELECT bottom(v, 3) FROM tie").map(\.[1]) == [.float(3), .float(5), .float(5)])
    }

    @Test func countOfDistinctValues() async throws {
        #expect(try await rows("SELECT count(distinct(v)) FROM tie").first?.last == .integer(3))
        #expect(try await run("SELECT count(distinct(v, 2)) FROM tie").error == "distinct function can only have one argument")
    }

    @Test func numericCastsConvertAsGoDoes() async throws {
        let values = try await rows("SELECT f::integer, i::float, f::unsigned, i::unsigned FROM cast").map { Array($0.dropFirst()) }
        #expect(values[0] == [.integer(2), .float(-3), .unsigned(2), .unsigned(UInt64.max - 2)])
        #expect(values[1] == [.integer(-2), .float(5), .unsigned(UInt64.max - 1), .unsigned(5)])
    }

    @Test func aCastTheStoredTypeCannotTakeReadsNothing() async throws {
        #expect(try await run("SELECT f::string FROM cast").series.isEmpty)
        #expect(try await rows("SELECT f::string, host::field, host::string, i FROM cast").map(\.[1]) == [.null, .null])
        #expect(try await rows("SELECT host::tag, f FROM cast").map(\.[1]) == [.string("a"), .string("b")])
        #expect(try await rows("SELECT f FROM cast WHERE f::integer = 2").count == 1)
        #expect(try await rows("SELECT f FROM cast WHERE host::field = 'a'").isEmpty)
    }

    @Test func wildcardFunctionsTakeOnlyFieldsOfTypesTheyAccept() async throws {
        #expect(try await run("SELECT mean(*) FROM cast").series.first?.columns == ["time", "mean_f", "mean_i"])
        #expect(try await run("SELECT max(*) FROM cast").series.first?.columns == ["time", "max_b", "max_f", "max_i"])
        #expect(try await run("SELECT first(/f|s/) AS x FROM cast").series.first?.columns == ["time", "x_f", "x_s"])
        #expect(try await run("SELECT distinct(*) FROM cast").error == "expected field argument in distinct()")
    }

    @Test func numericFunctionsOfStringsFailAsInfluxDBsIteratorsDo() async throws {
        #expect(try await run("SELECT mean(s) FROM cast").error == "unsupported mean iterator type: *query.stringInterruptIterator")
        #expect(try await run("SELECT max(b) FROM cast").error == nil)
        #expect(
            try await run("SELECT non_negative_derivative(b) FROM cast").error
                == "unsupported derivative iterator type: *query.booleanInterruptIterator")
    }

    @Test func tagsSelectedInASubqueryStayTags() async throws {
        let result = try await run("SELECT count(f) FROM (SELECT f, host FROM cast) GROUP BY host")
        #expect(result.series.map(\.tags) == [["host": "a"], ["host": "b"]])
    }

    @Test func conditionsSplitAsInfluxQLSplitsThem() async throws {
        // Time under OR still narrows the one range; the rest keeps its shape.
        #expect(try await rows("SELECT f FROM cast WHERE time > 0 AND time < 1s OR host = 'a'").isEmpty)
        #expect(try await rows("SELECT f FROM cast WHERE host = 'a' OR (time >= 0 AND time < 1s)").count == 1)
        #expect(try await rows("SELECT f FROM cast WHERE 1 = 1").count == 2)
        #expect(try await rows("SELECT f FROM cast WHERE 1 = 2").isEmpty)
        #expect(try await rows("SELECT f FROM cast WHERE host = a").isEmpty)
        #expect(try await run("SELECT f FROM cast WHERE b").error == "invalid condition expression: b")
    }

    @Test func anInvalidRegexIsAParseError() {
        #expect(throws: InfluxQLError.self) { try Parser.parse("SELECT * FROM /[/") }
        #expect(throws: InfluxQLError.self) { try Parser.parse("SHOW TAG VALUES WITH KEY =~ /*/") }
    }
}
