import Benchmark
import LineProtocol
import TimeSeries

/// Telegraf-style `cpu` lines, 4 tags and 5 fields (4 full-precision floats and an integer), as Telegraf writes them.
private func telegrafCPULines(count: Int) -> [UInt8] {
    var random = SplitMix(seed: 42)
    var text = ""
    text.reserveCapacity(count * 190)
    for index in 0..<count {
        let user = Double(random.next() % 60_000_000_000) / 1_000_000_000
        let system = Double(random.next() % 30_000_000_000) / 1_000_000_000 + 1e-9 * Double(random.next() % 1000)
        let idle = 100 - user - system
        let iowait = Double(random.next() % 1_000_000) / 1e7 + 1e-12 * Double(random.next() % 1000)
        text += "cpu,cpu=cpu\(index % 4),dc=dc\(index % 3),host=host_\(index / 4 % 100),region=us-west-\(index % 2) "
        text += "usage_user=\(user),usage_system=\(system),usage_idle=\(idle),usage_iowait=\(iowait),"
        text += "counter=\(index)i \(1_577_836_800_000_000_000 + Int64(index / 400) * 10_000_000_000)\n"
    }
    return Array(text.utf8)
}

private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One iteration parses one 5,000-line batch (the ingest benchmark's batch size): lines/s = 5000 / wall-clock time.
let benchmarks: @Sendable () -> Void = {
    let batch = telegrafCPULines(count: 5000)

    Benchmark(
        "Parse 5000 Telegraf cpu lines",
        configuration: .init(metrics: [.wallClock, .instructions, .mallocCountTotal], maxDuration: .seconds(5), maxIterations: 2000)
    ) { benchmark in
        var parser = LineProtocolParser()
        var fieldCount = 0
        batch.withUnsafeBufferPointer { buffer in
            benchmark.startMeasurement()
            parser.parse(
                buffer, precision: .nanoseconds, defaultTimestamp: 0,
                onPoint: { fieldCount &+= $0.fields.count },
                onError: { _ in fatalError("benchmark input must be valid") }
            )
            benchmark.stopMeasurement()
        }
        blackHole(fieldCount)
    }
}
