import FileIO
import Storage
import SundialTesting
import Synchronization
import Testing
import TimeSeries

/// The SQLite-style sweep over a workload with everything that moves data between files: two retention policies,
/// two shard groups written in one batch, flushes, a compaction and a retention drop. Each file call of the run
/// fails in turn (an I/O error, then a full disk); the store is reopened on a healthy file system, and every
/// acknowledged point must be there and no refused one may appear.
@Suite struct FaultSweepTests {
    private static let day: Int64 = 86_400_000_000_000

    private final class Clock: Sendable {
        let now = Atomic<Int64>(testNow)
    }

    private func engine(_ directory: TemporaryDirectory, _ fileSystem: any FileSystem, _ clock: Clock) throws -> StorageEngine {
        try StorageEngine(
            configuration: .init(directory: directory.path, fileSystem: fileSystem, clock: { clock.now.load(ordering: .relaxed) }))
    }

    private func prepare(_ directory: TemporaryDirectory) throws {
        let engine = try engine(directory, POSIXFileSystem(), Clock())
        try engine.createDatabase("db")
        try engine.createRetentionPolicy(
            RetentionPolicyInfo(name: "week", duration: 7 * Self.day, shardGroupDuration: Self.day), database: "db", makeDefault: false)
        engine.close()
    }

    /// Each line is unique, so a refused line that shows up later can be told apart. Returns what was acknowledged,
    /// what was refused, and the lines the retention drop expired.
    private func runWorkload(_ engine: StorageEngine, _ clock: Clock) async -> (acknowledged: [String], refused: [String]) {
        let old = testNow - 30 * Self.day
        let batches: [(lines: [String], policy: String?)] = [
            (["cpu,host=a v=1 \(old)", "cpu,host=a v=2 \(testNow)", "mem,host=b u=1i \(old + 1)"], nil),
            (["wk,host=a v=10 \(testNow - 6 * Self.day)", "wk,host=a v=11 \(testNow)"], "week"),
            (["cpu,host=c v=3 \(old + 2)", "cpu,host=a v=4 \(testNow + 1)", "mem,host=b u=2i \(testNow + 2)"], nil),
            (["cpu,host=d v=5 \(testNow + 3)", "wk,host=b v=12 \(testNow + 4)"], nil),
        ]
        var acknowledged: [String] = []
        var refused: [String] = []
        for (number, batch) in batches.enumerated() {
            let body = Array(batch.lines.joined(separator: "\n").utf8)
            if let outcome = try? await engine.write(body, database: "db", retentionPolicy: batch.policy), outcome.errorMessage == nil {
                acknowledged += batch.lines
            } else {
                refused += batch.lines
            }
            switch number {
            case 0, 1: try? await engine.flush()
            case 2:
                try? await engine.flush()
                _ = try? engine.compact(minimumFiles: 2)
                clock.now.store(testNow + 2 * Self.day, ordering: .relaxed)
                _ = try? engine.enforceRetention()
            default: try? await engine.flush()
            }
        }
        return (acknowledged, refused)
    }

    /// The line as the store exports it (floats with a decimal point).
    private func exported(_ line: String) -> String {
        let parts = line.split(separator: " ")
        let field = parts[1].split(separator: "=", maxSplits: 1)
        let value = field[1].hasSuffix("i") ? String(field[1]) : "\(Double(field[1])!)"
        return "\(parts[0]) \(field[0])=\(value) \(parts[2])"
    }

    @Test func nothingAcknowledgedIsLostAndNothingRefusedAppearsWhateverFileCallFails() async throws {
        let counting = FaultInjectingFileSystem()
        let dryRun = TemporaryDirectory()
        try prepare(dryRun)
        counting.reset()
        let countingEngine = try engine(dryRun, counting, Clock())
        let clean = await runWorkload(countingEngine, Clock())
        countingEngine.close()
        #expect(clean.refused.isEmpty)
        let totalCalls = counting.callCount
        #expect(totalCalls > 60)
        let expired = "wk,host=a v=10 \(testNow - 6 * Self.day)"

        for fault in [FaultInjectingFileSystem.Fault.io, .noSpace] {
            for call in 1...totalCalls {
                let directory = TemporaryDirectory()
                try prepare(directory)
                let injector = FaultInjectingFileSystem()
                injector.failCall(call, with: fault)
                let clock = Clock()
                var outcome: (acknowledged: [String], refused: [String]) = ([], [])
                if let engine = try? engine(directory, injector, clock) {
                    outcome = await runWorkload(engine, clock)
                    engine.close()
                }
                let reopened = try engine(directory, POSIXFileSystem(), clock)
                let stored = Set(try reopened.exported() + reopened.exported(retentionPolicy: "week"))
                reopened.close()
                let failed = call <= injector.operations.count ? injector.operations[call - 1] : "beyond the run"
                let missing = Set(outcome.acknowledged.filter { $0 != expired }.map(exported)).subtracting(stored)
                #expect(missing.isEmpty, "fault \(fault) at call \(call) (\(failed)) lost \(missing.sorted())")
                let appeared = Set(outcome.refused.map(exported)).intersection(stored)
                #expect(appeared.isEmpty, "fault \(fault) at call \(call) (\(failed)): refused \(appeared.sorted()) appeared")
            }
        }
    }
}
