import Logging
import ServiceLifecycle
import Storage

/// Runs the store's background upkeep while the server runs: compaction when shards gather files, retention
/// enforcement every `retentionInterval` (InfluxDB checks every 30 minutes).
struct StorageMaintenanceService: Service {
    let engine: StorageEngine
    let logger: Logger
    var compactionInterval = Duration.seconds(30)
    var retentionInterval = Duration.seconds(30 * 60)

    func run() async throws {
        var sinceRetention = Duration.zero
        while !Task.isShuttingDownGracefully {
            do {
                // Graceful shutdown cancels the wait at once, so stopping never waits for the next round.
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: compactionInterval) }
            } catch {
                return
            }
            sinceRetention += compactionInterval
            do {
                try engine.compact()
                if sinceRetention >= retentionInterval {
                    sinceRetention = .zero
                    let dropped = try engine.enforceRetention()
                    if !dropped.isEmpty { logger.info("retention dropped shards \(dropped)") }
                }
            } catch {
                logger.error("storage maintenance failed: \(error)")
            }
        }
    }
}
