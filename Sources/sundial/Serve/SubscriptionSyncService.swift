import Logging
import ServiceLifecycle
import TaskService

/// Runs the subscription handshake with the remote InfluxDB at start and every `subscriptions-sync-interval`; a
/// failed pass is logged and tried again at the next one (the remote may start after Sundial).
struct SubscriptionSyncService: Service {
    let manager: SubscriptionManager
    let interval: Int64

    func run() async throws {
        let logger = Logger(label: "subscriptions")
        let (manager, interval) = (manager, interval)
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await manager.sync()
                } catch {
                    logger.error("subscription sync failed: \(error)")
                }
                try? await Task.sleep(for: .nanoseconds(max(interval, 1_000_000_000)))
            }
        }
    }
}
