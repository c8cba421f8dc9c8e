import InfluxQL
import Storage
import SundialTesting
import Testing
import TimeSeries

@testable import QueryEngine

/// `chunked=true` answers are made as they are sent: a raw SELECT is read a time window at a time.
@Suite struct ChunkedStreamTests {
    private func engineWithPoints(_ count: Int) async throws -> (StorageEngine, TemporaryDirectory) {
        let directory = TemporaryDirectory()
        let engine = try StorageEngine(configuration: .init(directory: directory.path, clock: { 10_000_000_000_000 }))
        try engine.createDatabase("db")
        var lines: [String] = []
        for index in 0..<count { lines.append("m,host=h\(index % 3) v=\(index),n=\(index)i \(index)") }
        try await engine.write(Array(lines.joined(separator: "\n").utf8), database: "db", precision: .seconds)
        return (engine, directory)
    }

    private func chunks(_ query: String, engine: StorageEngine, size: Int, whileStreaming: (() async throws -> Void)? = nil) async throws
        -> [StatementResult]
    {
        var received: [StatementResult] = []
        try await QueryExecutor(engine: engine).executeChunked(try Parser.parse(query), context: .init(database: "db"), size: size) {
            chunk in
            received.append(chunk)
            if received.count == 1 { try await whileStreaming?() }
        }
        return received
    }

    @Test(arguments: [
        "SELECT v FROM m", "SELECT * FROM m WHERE host = 'h1'", "SELECT v, n FROM m WHERE v > 500 AND time >= 100s",
        "SELECT v + n, host FROM m WHERE time < 50s", "SELECT v FROM m WHERE time > 5000s", "SELECT mean(v) FROM m GROUP BY host",
        "SELECT v FROM m LIMIT 7", "SELECT v FROM m; SELECT max(n) FROM m",
    ])
    func streamedChunksEqualTheWholeAnswerCut(_ query: String) async throws {
        let (engine, directory) = try await engineWithPoints(2_000)
        defer { engine.close() }
        withExtendedLifetime(directory) {}
        let whole = await QueryExecutor(engine: engine).execute(try Parser.parse(query), context: .init(database: "db"))
        let streamed = try await chunks(query, engine: engine, size: 97)
        #expect(streamed == QueryResponseEncoder.chunks(whole, size: 97))
    }

    /// A point rewritten after the first chunk went out shows in a later chunk: later windows had not been read yet,
    /// so the rows were never all held at once.
    @Test func laterWindowsAreReadAfterEarlierChunksAreSent() async throws {
        let (engine, directory) = try await engineWithPoints(30_000)
        defer { engine.close() }
        withExtendedLifetime(directory) {}
        let streamed = try await chunks("SELECT v FROM m", engine: engine, size: 1_000) {
            try await engine.write(Array("m,host=h2 v=-1 29999".utf8), database: "db", precision: .seconds)
        }
        #expect(streamed.count == 30)
        #expect(streamed.dropLast().allSatisfy(\.partial) && !streamed.last!.partial)
        #expect(streamed.last?.series.first?.values.last == [.time(29_999_000_000_000), .float(-1)])
    }
}
