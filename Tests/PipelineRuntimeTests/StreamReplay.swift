import Alerting
import Foundation
import LineProtocol
import Logging
import PipelineRuntime
import PipelineSpec
import TimeSeries

/// Kapacitor's stream replay files (`<Test>.srpl` in `../shared/kapacitor-testdata`, or the folder
/// `SUNDIAL_KAPACITOR_TESTDATA` names): three lines per point — database, retention policy, a line-protocol point
/// timed in seconds — with times re-based so the first point is at 1971-01-01T00:00:00Z, as Kapacitor's harness does.
enum StreamReplay {
    static let directory: String = ProcessInfo.processInfo.environment["SUNDIAL_KAPACITOR_TESTDATA"] ?? "../shared/kapacitor-testdata"

    static var isAvailable: Bool { FileManager.default.fileExists(atPath: directory + "/TestStream_SimpleMR.srpl") }

    /// Said in the tests' skip reason when the data is missing.
    static let absence = "Kapacitor's test data not found at ../shared/kapacitor-testdata (set SUNDIAL_KAPACITOR_TESTDATA)"

    static let zero: Int64 = 31_536_000 * 1_000_000_000

    static func points(_ test: String) throws -> [(point: Point, database: String, retentionPolicy: String)] {
        let text = try String(contentsOfFile: "\(directory)/\(test).srpl", encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var result: [(Point, String, String)] = []
        var parser = LineProtocolParser()
        var index = 0
        while index + 2 < lines.count {
            let bytes = Array(lines[index + 2].utf8)
            bytes.withUnsafeBufferPointer { buffer in
                parser.parse(
                    buffer, precision: .seconds, defaultTimestamp: 0,
                    onPoint: { result.append(($0.makePoint(), lines[index], lines[index + 1])) }, onError: { _ in })
            }
            index += 3
        }
        guard let first = result.first?.0.timestamp else { return [] }
        return result.map { entry in
            var point = entry.0
            point.timestamp = point.timestamp - first + zero
            return (point, entry.1, entry.2)
        }
    }

    /// Runs `script` (dbrp `dbname.rpname`) over the test's data — only the points up to `seconds` after the first,
    /// as Kapacitor's harness moves its clock — stops the task, and returns it for inspection.
    static func run(
        _ test: String, script: String, seconds: Int64 = .max, topics: TopicRegistry = TopicRegistry(), writer: (any PointWriter)? = nil
    ) async throws -> ExecutingTask {
        let pipeline = try Pipeline.build(script: "dbrp \"dbname\".\"rpname\"\n" + script)
        let task = try ExecutingTask(
            id: test, pipeline: pipeline, dbrps: pipeline.dbrps, topics: topics, writer: writer, logger: Logger(label: "test"))
        for entry in try points(test) where seconds == .max || entry.point.timestamp <= second(seconds) {
            task.receive(StreamPoint(entry.point, database: entry.database, retentionPolicy: entry.retentionPolicy))
        }
        await task.stop()
        return task
    }

    /// A row's cells as numbers (times as seconds after the zero), as Kapacitor's harness compares them after JSON.
    static func numbers(_ row: [ResultValue]) -> [Double?] {
        row.map { cell in
            switch cell {
            case .time(let nanoseconds): Double(nanoseconds - zero) / 1e9
            case .float(let number): number
            case .integer(let number): Double(number)
            case .unsigned(let number): Double(number)
            default: nil
            }
        }
    }

    /// `1971-01-01T00:00:SSZ` as nanoseconds.
    static func second(_ offset: Int64) -> Int64 { zero + offset * 1_000_000_000 }
}
