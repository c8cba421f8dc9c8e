import ContinuousQueries
import Logging
import ServiceLifecycle
import Storage

/// Checks the store's continuous queries every `runInterval` (InfluxDB's `run-interval`, 1s) while the server runs
/// and runs the due ones (`ContinuousQueryRunner`) at the store's clock.
struct ContinuousQueryService: Service {
    let runner: ContinuousQueryRunner
    let runInterval: Duration
    let clock: @Sendable () -> Int64

    func run() async throws {
        while !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: runInterval) }
            } catch {
                return
            }
            guard runner.hasQueries else { continue }
            await runner.runDue(at: clock())
        }
    }
}
