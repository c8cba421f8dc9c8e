import FileIO
import Storage
import SundialTesting
import Testing
import TimeSeries

/// SQLite-style fault injection: a write + flush + compaction cycle is run once per file call, failing that call;
/// then the engine is reopened on a healthy file system and every acknowledged point must be there, with nothing
/// damaged.
@Suite struct CrashSafetyTests {
    /// The workload: returns the lines whose write was acknowledged.
    private func runWorkload(_ engine: StorageEngine) async -> [String] {
        var acknowledged: [String] = []
        let batches = [
            ["cpu,host=a v=1 10", "cpu,host=b v=2 10", "mem,host=a used=5i 10"],
            ["cpu,host=a v=3 20", "cpu,host=a s=\"x\" 20"],
            ["cpu,host=c v=4 30", "mem,host=a used=6i 30"],
        ]
        for (number, batch) in batches.enumerated() {
            if let outcome = try? await engine.write(Array(batch.joined(separator: "\n").utf8), database: "db"), outcome.errorMessage == nil
            {
                acknowledged += batch
            }
            if number >= 1 { try? await engine.flush() }
        }
        return acknowledged
    }

    private func expectedLines(_ acknowledged: [String]) -> [String] {
        acknowledged.map { line in
            let parts = line.split(separator: " ")
            let field = parts[1].split(separator: "=", maxSplits: 1)
            let value = field[1].hasSuffix("i") || field[1].hasPrefix("\"") ? String(field[1]) : "\(Double(field[1])!)"
            return "\(parts[0]) \(field[0])=\(value) \(parts[2])"
        }.sorted()
    }

    @Test func everyAcknowledgedPointSurvivesAFailureAtAnyFileCall() async throws {
        let counting = FaultInjectingFileSystem()
        let dryRun = TemporaryDirectory()
        counting.reset()
        let countingEngine = try makeEngine(dryRun, fileSystem: counting)
        try countingEngine.createDatabase("db")
        _ = await runWorkload(countingEngine)
        countingEngine.close()
        let totalCalls = counting.callCount
        #expect(totalCalls > 30)

        for fault in [FaultInjectingFileSystem.Fault.io, .noSpace] {
            for call in 1...totalCalls {
                let directory = TemporaryDirectory()
                try makeEngine(directory).createDatabase("db")
                let injector = FaultInjectingFileSystem()
                injector.failCall(call, with: fault)
                var acknowledged: [String] = []
                if let engine = try? makeEngine(directory, fileSystem: injector) {
                    acknowledged = await runWorkload(engine)
                    engine.close()
                }
                let reopened = try makeEngine(directory)
                let stored = try reopened.exported()
                reopened.close()
                let missing = Set(expectedLines(acknowledged)).subtracting(stored)
                let failed = call <= injector.operations.count ? injector.operations[call - 1] : "beyond the run"
                #expect(
                    missing.isEmpty,
                    "fault \(fault) at call \(call) (\(failed)) lost \(missing.sorted()); calls: \(injector.operations.joined(separator: "; "))"
                )
            }
        }
    }
}
