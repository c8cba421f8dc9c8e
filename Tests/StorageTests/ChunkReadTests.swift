import Storage
import SundialTesting
import Testing
import TimeSeries

@Suite struct ChunkReadTests {
    /// 2,500 points of `m v=<i>` at times 0..<2500, flushed: three blocks (1000, 1000, 500).
    private func flushedEngine(_ directory: TemporaryDirectory) async throws -> StorageEngine {
        let engine = try makeEngine(directory)
        try engine.createDatabase("db")
        try await engine.write((0..<2500).map { "m v=\($0)i \($0)" }.joined(separator: "\n"))
        try await engine.flush()
        return engine
    }

    private func summary(_ chunk: CursorChunk) -> BlockSummary? {
        if case .block(let summary) = chunk { summary } else { nil }
    }

    @Test func untouchedBlocksComeAsTheirStatistics() async throws {
        let directory = TemporaryDirectory()
        let engine = try await flushedEngine(directory)
        defer { engine.close() }
        let chunks = try engine.readChunks(database: "db", seriesKey: "m", field: "v")
        let summaries = chunks.compactMap(summary)
        #expect(summaries.count == 3)
        #expect(summaries.map(\.count) == [1000, 1000, 500])
        #expect(summaries[0].minimum == .integer(0) && summaries[0].maximum == .integer(999))
        #expect(summaries[1].sum == .integer((1000..<2000).reduce(0, +)))
        #expect(summaries[2].minTime == 2000 && summaries[2].maxTime == 2499)
    }

    @Test func blocksTouchedByTheRangeTheCacheOrADeleteAreDecoded() async throws {
        let directory = TemporaryDirectory()
        let engine = try await flushedEngine(directory)
        defer { engine.close() }
        // A range cutting the second block: the first block whole, the second decoded.
        let partial = try engine.readChunks(database: "db", seriesKey: "m", field: "v", in: 0...1499)
        #expect(partial.compactMap(summary).map(\.minTime) == [0])
        guard case .values(let column) = partial.last else {
            Issue.record("no values chunk")
            return
        }
        #expect(column.times.first == 1000 && column.times.last == 1499)
        // A newer value in the cache inside the first block: that block is decoded and the new value wins.
        try await engine.write("m v=-5i 10")
        let overwritten = try engine.readChunks(database: "db", seriesKey: "m", field: "v")
        #expect(overwritten.compactMap(summary).map(\.minTime) == [1000, 2000])
        guard case .values(let first) = overwritten.first else {
            Issue.record("first chunk not decoded")
            return
        }
        #expect(first.count == 1000)
        #expect(first.value(at: 10) == .integer(-5))
        // A delete inside the third block: decoded without the deleted values.
        try await engine.deleteSeries(database: "db", seriesKeys: ["m"], in: 2100...2199, dropSeries: false)
        let afterDelete = try engine.readChunks(database: "db", seriesKey: "m", field: "v")
        #expect(afterDelete.compactMap(summary).map(\.minTime) == [1000])
        let decodedCount = afterDelete.reduce(0) { total, chunk in
            if case .values(let column) = chunk { total + column.count } else { total }
        }
        #expect(decodedCount == 1000 + 400)
        #expect(afterDelete.map(\.minTime) == afterDelete.map(\.minTime).sorted())
    }
}
