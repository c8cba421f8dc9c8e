import Alerting
import Logging
import ServiceLifecycle

/// Writes the alert topics' changed event states every second, so they survive a restart (the last ones are
/// written when the tasks stop at shutdown).
struct TopicStateSaver: Service {
    let topics: TopicRegistry

    func run() async throws {
        let logger = Logger(label: "alerts")
        let topics = topics
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                do {
                    try topics.saveChanges()
                } catch {
                    logger.error("cannot save alert topic states: \(error)")
                }
            }
        }
    }
}
