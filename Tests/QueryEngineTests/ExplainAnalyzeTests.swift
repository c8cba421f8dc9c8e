import InfluxQL
import Storage
import SundialTesting
import Testing
import TimeSeries

@testable import QueryEngine

/// `EXPLAIN ANALYZE` runs the statement and reports what it decoded; the tree's shape is compared with InfluxDB
/// 1.6.7's in e2e/tests/test_influxdb_compat.py (`test_explain_analyze_draws_influxdbs_tree`).
@Suite struct ExplainAnalyzeTests {
    private func lines(_ query: String) async throws -> [String] {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(configuration: .init(directory: directory.path, clock: { 3_600_000_000_000 }))
        defer { engine.close() }
        try engine.createDatabase("db")
        let points = (0..<3000).map { "cpu,host=h\($0 % 2) v=\(Double($0) / 3),n=\($0)i \($0)" }.joined(separator: "\n")
        try await engine.write(Array(points.utf8), database: "db", precision: .seconds)
        try await engine.flush()
        let result = await QueryExecutor(engine: engine).execute(try Parser.parse(query), context: .init(database: "db"))[0]
        #expect(result.error == nil, "\(result.error ?? "")")
        return result.series.first?.values.compactMap { if case .string(let line) = $0[0] { line } else { nil } } ?? []
    }

    private func value(_ name: String, in lines: [String]) -> Int? {
        lines.first { $0.hasSuffix("── \(name)") || $0.contains("── \(name): ") }.flatMap { Int($0.split(separator: " ").last!) }
    }

    @Test func aRawReadDecodesBlocksOfItsFieldsAndCountsTheirBytes() async throws {
        let tree = try await lines("EXPLAIN ANALYZE SELECT v FROM cpu WHERE host = 'h0'")
        #expect(tree.contains { $0.hasSuffix("└── statement: SELECT v::float FROM db.autogen.cpu WHERE host::tag = 'h0'") })
        #expect(value("cursors_aux", in: tree) == 1)
        #expect((value("float_blocks_decoded", in: tree) ?? 0) >= 2)
        #expect((value("float_blocks_size_bytes", in: tree) ?? 0) > 100)
        #expect(value("integer_blocks_decoded", in: tree) == 0)
        #expect(tree.last == "")
    }

    @Test func anAggregateOfWholeBlocksDecodesNone() async throws {
        // count() over whole blocks reads their statistics: Sundial decodes nothing (InfluxDB decodes every block).
        let tree = try await lines("EXPLAIN ANALYZE SELECT count(n) FROM cpu")
        #expect(value("cursors_ref", in: tree) == 2)
        #expect(value("integer_blocks_decoded", in: tree) == 0)
        #expect(tree.contains { $0.contains("expr: count(n::integer)") })
    }
}
