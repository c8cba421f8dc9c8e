import Alerting
import Foundation
import Logging
import PipelineSpec
import TimeSeries

@testable import PipelineRuntime

/// Kapacitor's batch replay files (`<Test>.N.brpl`, for the N-th `query` node): one JSON batch per line
/// (`{"name","tags","points":[{"fields","tags","time"}]}`), the runs of a query separated by blank lines, point times
/// re-based so the file's first point is at 1971-01-01T00:00:00Z, as Kapacitor's harness replays them. Each run is
/// answered to the query node as InfluxDB's result for it (one series per batch), so the query's grouping applies.
enum BatchReplay {
    /// An InfluxDB answering whatever it is asked with the answer set before each run.
    final class Answers: InfluxQLQuerying, @unchecked Sendable {
        var next: [StatementResult] = []
        func query(_ text: String) async throws -> [StatementResult] { next }
    }

    /// The file's runs, each a list of series (one per batch), times re-based.
    static func runs(_ test: String, query: Int) throws -> [[ResultSeries]] {
        let text = try String(contentsOfFile: "\(StreamReplay.directory)/\(test).\(query).brpl", encoding: .utf8)
        var runs: [[ResultSeries]] = [[]]
        var first: Int64?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else {
                if !runs[runs.count - 1].isEmpty { runs.append([]) }
                continue
            }
            let batch = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            let points = batch["points"] as? [[String: Any]] ?? []
            let times = points.map { time($0["time"] as? String ?? "") }
            if first == nil { first = times.first }
            let fields = Set(points.flatMap { ($0["fields"] as? [String: Any] ?? [:]).keys }).sorted()
            let rows: [[ResultValue]] = zip(points, times).map { point, time in
                let values = point["fields"] as? [String: Any] ?? [:]
                return [.time(time - (first ?? 0) + StreamReplay.zero)] + fields.map { value(values[$0]) }
            }
            runs[runs.count - 1].append(
                ResultSeries(
                    name: batch["name"] as? String, tags: batch["tags"] as? [String: String], columns: ["time"] + fields, values: rows))
        }
        return runs.filter { !$0.isEmpty }
    }

    /// Runs `script` (dbrp `dbname.rpname`), answering each `query` node's runs in turn (run 1 of every query, then
    /// run 2, …), stops the task and returns it.
    static func run(_ test: String, script: String) async throws -> ExecutingTask {
        let pipeline = try Pipeline.build(script: "dbrp \"dbname\".\"rpname\"\n" + script)
        let answers = Answers()
        let task = try ExecutingTask(
            id: test, pipeline: pipeline, dbrps: pipeline.dbrps, topics: TopicRegistry(), writer: nil, querier: answers,
            logger: Logger(label: "test"))
        let queries = pipeline.nodes.filter { $0.definition.desc == "query" }.map(\.id)
        let replays = try queries.indices.map { try runs(test, query: $0) }
        for run in 0..<(replays.map(\.count).max() ?? 0) {
            for (index, node) in queries.enumerated() where run < replays[index].count {
                let series = replays[index][run]
                answers.next = [StatementResult(statementID: 0, series: series)]
                let last =
                    series.compactMap { $0.values.last?.first }.compactMap { cell -> Int64? in
                        if case .time(let time) = cell { time } else { nil }
                    }.max() ?? StreamReplay.zero
                await task.runQuery(node, at: last)
            }
        }
        await task.stop()
        return task
    }

    private static func time(_ text: String) -> Int64 {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = text.contains(".") ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        return Int64(((formatter.date(from: text)?.timeIntervalSince1970 ?? 0) * 1e9).rounded())
    }

    private static func value(_ value: Any?) -> ResultValue {
        switch value {
        case let number as NSNumber where String(cString: number.objCType) == "c": .boolean(number.boolValue)
        case let number as NSNumber: .float(number.doubleValue)
        case let text as String: .string(text)
        default: .null
        }
    }
}
