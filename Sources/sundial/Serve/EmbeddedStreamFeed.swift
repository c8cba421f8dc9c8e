import PipelineRuntime
import Storage
import TimeSeries

/// Feeds the embedded store's accepted writes to the stream tasks in the same process: no HTTP hop, no
/// subscription — only for the policies some running task reads.
struct EmbeddedStreamFeed: WriteObserver {
    let router: StreamRouter

    func wants(database: String, retentionPolicy: String) -> Bool {
        router.wants(database: database, retentionPolicy: retentionPolicy)
    }

    func accepted(_ lines: [UInt8], database: String, retentionPolicy: String) {
        router.route(
            lineProtocol: lines, database: database, retentionPolicy: retentionPolicy, precision: .nanoseconds, defaultTimestamp: 0)
    }
}
