import InfluxQL
import Synchronization
import TimeSeries

/// The queries running now, for `SHOW QUERIES` and `KILL QUERY`. Ids count up from 1 for the life of the process.
public final class QueryRegistry: Sendable {
    struct Running {
        /// Printed only when `SHOW QUERIES` asks: printing every query's statements as it starts cost 2% of a small
        /// query's time.
        var statements: [Statement]
        var database: String
        var started: ContinuousClock.Instant
        var isKilled = false
    }

    private let state = Mutex<(nextID: UInt64, running: [UInt64: Running])>((1, [:]))

    public init() {}

    /// Registers a query; over `maxConcurrent` queries running (0: no limit) it is InfluxDB's refusal.
    func register(_ statements: [Statement], database: String?, maxConcurrent: Int = 0) throws -> UInt64 {
        try state.withLock { state in
            if maxConcurrent > 0 && state.running.count >= maxConcurrent {
                throw QueryError("max-concurrent-queries limit exceeded(\(state.running.count + 1), \(maxConcurrent))")
            }
            let id = state.nextID
            state.nextID += 1
            state.running[id] = Running(statements: statements, database: database ?? "", started: .now)
            return id
        }
    }

    func finish(_ id: UInt64) {
        _ = state.withLock { $0.running.removeValue(forKey: id) }
    }

    func kill(_ id: UInt64) throws {
        try state.withLock { state in
            guard state.running[id] != nil else { throw QueryError("no such query id: \(id)") }
            state.running[id]!.isKilled = true
        }
    }

    /// Throws once the query was killed; long-running statements call this between steps.
    func check(_ id: UInt64?) throws {
        guard let id else { return }
        // InfluxDB answers a killed query with its interruption error.
        if state.withLock({ $0.running[id]?.isKilled ?? false }) { throw QueryError("query interrupted") }
    }

    func show() -> ResultSeries {
        let running = state.withLock { $0.running.sorted { $0.key < $1.key } }
        let rows = running.map { id, query -> [ResultValue] in
            let elapsed = ContinuousClock.now - query.started
            let nanoseconds = elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
            let text = query.statements.map { StatementPrinter.print($0) }.joined(separator: ";\n")
            return [
                .integer(Int64(id)), .string(text), .string(query.database),
                .string(GoDuration.format(nanoseconds: nanoseconds)), .string(query.isKilled ? "killed" : "running"),
            ]
        }
        return ResultSeries(name: nil, columns: ["qid", "query", "database", "duration", "status"], values: rows)
    }
}
