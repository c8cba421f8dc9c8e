import Alerting
import Benchmark
import Logging
import PipelineRuntime
import PipelineSpec
import TimeSeries

/// An alert node over 10,000 groups (`groupBy('host')`) whose levels never change: every point is evaluated and
/// nothing is emitted. The goal is no allocation per point on that path; one iteration is one point of every
/// group.
private let groups = 10_000

private func task() throws -> ExecutingTask {
    let script = """
        dbrp "bench"."autogen"
        stream
            |from()
                .measurement('cpu')
                .groupBy('host')
            |alert()
                .warn(lambda: "usage" > 80.0)
                .crit(lambda: "usage" > 90.0)
        """
    return try ExecutingTask(
        id: "quiet", pipeline: try Pipeline.build(script: script), dbrps: [DBRP(db: "bench", rp: "autogen")], topics: TopicRegistry(),
        writer: nil, logger: Logger(label: "bench"))
}

private func points(round: Int64) -> [StreamPoint] {
    (0..<groups).map { host in
        StreamPoint(
            name: "cpu", database: "bench", retentionPolicy: "autogen", tags: ["host": "h\(host)", "dc": "eu"],
            fields: ["usage": .float(Double(host % 50))], time: 1_700_000_000_000_000_000 + round * 10_000_000_000 + Int64(host))
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark(
        "Alert node, 10,000 groups, no state change (one point per group)",
        configuration: .init(metrics: [.wallClock, .mallocCountTotal, .throughput], maxDuration: .seconds(10), maxIterations: 200)
    ) { benchmark in
        let running = try task()
        running.receive(points(round: 0))  // every group's state made before measuring
        let batch = points(round: 1)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { running.receive(batch) }
        benchmark.stopMeasurement()
        precondition(running.statistics.nodes.last?.emitted == 0, "a level changed")
        await running.stop()
    }
}
