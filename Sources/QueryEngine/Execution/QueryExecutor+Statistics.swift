import Foundation
import InfluxQL
import Storage
import TimeSeries

/// `SHOW STATS [FOR 'module']` and `SHOW DIAGNOSTICS [FOR 'module']`, shaped as InfluxDB answers them: one series
/// per statistic (named after its module, with its tags) or per diagnostics module, the columns in name order, one row.
extension QueryExecutor {
    func showStats(_ module: String?) -> [ResultSeries] {
        engine.statistics.all().filter { module == nil || $0.name == module }.map { statistic in
            let columns = statistic.values.keys.sorted()
            return ResultSeries(
                name: statistic.name, tags: statistic.tags.isEmpty ? nil : statistic.tags, columns: columns,
                values: [columns.map { .integer(statistic.values[$0] ?? 0) }])
        }
    }

    func showDiagnostics(_ module: String?) -> [ResultSeries] {
        let uptime = GoDuration.format(nanoseconds: Int64(Date().timeIntervalSince(ProcessFacts.started) * 1e9))
        let modules: [(String, [(String, ResultValue)])] = [
            (
                "build",
                [
                    ("Branch", .string("")), ("Build Time", .string("")), ("Commit", .string("")),
                    ("Version", .string(ProcessFacts.influxDBVersion)),
                ]
            ),
            (
                "config-coordinator",
                [
                    ("max-concurrent-queries", .integer(Int64(limits.maxConcurrentQueries))),
                    ("max-select-buckets", .integer(Int64(limits.maxSelectBuckets))),
                    ("max-select-point", .integer(Int64(limits.maxSelectPoints))),
                    ("max-select-series", .integer(Int64(limits.maxSelectSeries))),
                    ("query-timeout", .string(GoDuration.format(nanoseconds: limits.timeout))),
                ]
            ),
            ("network", [("hostname", .string(ProcessFacts.hostName))]),
            (
                "runtime",
                [
                    ("GOARCH", .string(ProcessFacts.architecture)),
                    ("GOMAXPROCS", .integer(Int64(ProcessInfo.processInfo.activeProcessorCount))),
                    ("GOOS", .string("linux")), ("version", .string("swift")),
                ]
            ),
            (
                "system",
                [
                    ("PID", .integer(ProcessFacts.processID)),
                    ("currentTime", .string(RFC3339.format(nanoseconds: engine.configuration.clock()))),
                    ("started", .string(RFC3339.format(nanoseconds: Int64(ProcessFacts.started.timeIntervalSince1970 * 1e9)))),
                    ("uptime", .string(uptime)),
                ]
            ),
        ]
        return modules.filter { module == nil || $0.0 == module }.map { name, entries in
            ResultSeries(name: name, columns: entries.map(\.0), values: [entries.map(\.1)])
        }
    }
}
