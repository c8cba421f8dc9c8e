import Dispatch
import FuzzSupport
import InfluxQL
import Storage

@testable import QueryEngine

/// Any read-only InfluxQL run on a small store (every field type, tags, points at both ends of time): planning and
/// executing SELECT, SHOW and subqueries, and encoding the answer as JSON and CSV, never trap. The store is made
/// once; statements that change it are refused (a read-only context), so every input sees the same data.
public func queryPlannerFuzzer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let statements = try? Parser.parse(text, parameters: ["x": .integer(-1), "s": .string("a")]) else { return 0 }
    FuzzStore.worker.run(statements)
    return 0
}

/// One task that runs every input's statements, so nothing per input is left for the concurrency runtime to free
/// after the input is done (a task made per input was freed a moment later, which LeakSanitizer reported).
final class QueryWorker: Sendable {
    private let inputs: AsyncStream<[Statement]>.Continuation
    private let done = DispatchSemaphore(value: 0)

    init(executor: QueryExecutor) {
        let (stream, continuation) = AsyncStream<[Statement]>.makeStream()
        inputs = continuation
        Task { [done] in
            for await statements in stream {
                await Self.execute(statements, on: executor)
                done.signal()
            }
        }
    }

    func run(_ statements: [Statement]) {
        inputs.yield(statements)
        done.wait()
    }

    private static func execute(_ statements: [Statement], on executor: QueryExecutor) async {
        let results = await executor.execute(statements, context: .init(database: "db", isReadOnly: true))
        _ = QueryResponseEncoder.json(results, epoch: .nanoseconds)
        _ = QueryResponseEncoder.json(results, epoch: nil, pretty: true)
        _ = QueryResponseCSV.csv(results, epoch: .hours)
    }
}

/// The store every input queries, with limits so that a query over all of time in 1 ns buckets answers an error
/// instead of running past libFuzzer's timeout.
enum FuzzStore {
    static let lines = [
        "m,host=a,region=eu v=1,i=1i,u=1u,s=\"x\",b=true 0", "m,host=b,region=us v=-2.5,i=-9223372036854775808i 1000000000",
        "m,host=a v=3,i=9223372036854775807i,u=18446744073709551615u 3600000000000", "m,host=c v=1e300,s=\"\" 7200000000000",
        "n,t=x f=1 -9223372036854775806", "n,t=y f=2 9223372036854775806", "n,t=x g=1i 60000000000", "cpu,cpu=0 usage=0.5 0",
        "cpu,cpu=1 usage=NaN 0",
    ]
    static let worker = QueryWorker(executor: executor)
    static let executor: QueryExecutor = {
        let directory = FuzzDirectory.fresh()
        guard let engine = try? StorageEngine(configuration: .init(directory: directory, clock: { 10_800_000_000_000 })) else {
            fatalError("QueryPlannerFuzzer: cannot open a store in \(directory)")
        }
        try? engine.createDatabase("db")
        let done = DispatchSemaphore(value: 0)
        Task {
            _ = try? await engine.write(Array(lines.joined(separator: "\n").utf8), database: "db")
            done.signal()
        }
        done.wait()
        let limits = QueryLimits(timeout: 2_000_000_000, maxSelectPoints: 100_000, maxSelectSeries: 1_000, maxSelectBuckets: 100_000)
        return QueryExecutor(engine: engine, limits: limits)
    }()
}

@main
enum QueryPlannerFuzzerMain {
    static func main() { FuzzDriver.run { queryPlannerFuzzer($0, $1) } }
}
