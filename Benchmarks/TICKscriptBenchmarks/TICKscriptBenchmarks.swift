import Benchmark
import PipelineSpec
import TICKscript

/// A 200-line task as people write them: vars, then chains from `stream` with filters, windows, aggregates, evals
/// and alerts with several handlers.
private func twoHundredLineScript() -> String {
    var lines = [
        "// CPU, memory and disk alerts for the web fleet", "dbrp \"telegraf\".\"autogen\"", "",
        "var period = 5m", "var every = 1m", "var warn = 80.0", "var crit = 90.0", "var hosts = /^web[0-9]+$/",
        "var groups = ['host', 'dc']", "",
    ]
    var chain = 0
    while lines.count < 186 {
        let measurement = ["cpu", "mem", "disk", "net", "system", "processes", "swap", "diskio"][chain % 8]
        lines += [
            "// \(measurement) usage per host", "stream", "    |from()", "        .measurement('\(measurement)')",
            "        .where(lambda: \"host\" =~ hosts AND \"dc\" != 'test')", "        .groupBy(groups)",
            "    |window()", "        .period(period)", "        .every(every)", "    |mean('usage')", "        .as('value')",
            "    |eval(lambda: \"value\" * 100.0 / 100.0, lambda: string(\"host\"))", "        .as('pct', 'who')", "    |alert()",
            "        .id('\(measurement):{{ .Group }}')", "        .message('{{ .ID }} is {{ .Level }}: {{ index .Fields \"pct\" }}')",
            "        .warn(lambda: \"pct\" > warn)", "        .crit(lambda: \"pct\" > crit)", "        .stateChangesOnly(10m)",
            "        .post('http://alerts.example.com/\(measurement)')", "            .header('X-Team', 'ops')",
            "        .slack()", "            .channel('#ops')", "",
        ]
        chain += 1
    }
    lines += ["stream", "    |from()", "        .measurement('heartbeat')", "    |deadman(0.0, 10m)"]
    while lines.count < 200 { lines.append("// end") }
    return lines.joined(separator: "\n") + "\n"
}

let benchmarks: @Sendable () -> Void = {
    let script = twoHundredLineScript()
    precondition(script.split(separator: "\n", omittingEmptySubsequences: false).count >= 200)

    Benchmark(
        "Parse and check a 200-line TICKscript",
        configuration: .init(metrics: [.wallClock, .mallocCountTotal], maxDuration: .seconds(5), maxIterations: 5000)
    ) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try Pipeline.build(script: script)) }
    }

    Benchmark(
        "Format a 200-line TICKscript",
        configuration: .init(metrics: [.wallClock, .mallocCountTotal], maxDuration: .seconds(5), maxIterations: 5000)
    ) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try TickFormatter.format(script)) }
    }
}
