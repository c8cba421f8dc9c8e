import LineProtocol
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
        var points: [StreamPoint] = []
        var parser = LineProtocolParser()
        lines.withUnsafeBufferPointer { buffer in
            parser.parse(
                buffer, precision: .nanoseconds, defaultTimestamp: 0,
                onPoint: { points.append(StreamPoint($0, database: database, retentionPolicy: retentionPolicy)) },
                onError: { _ in })
        }
        router.route(points, database: database, retentionPolicy: retentionPolicy)
    }
}
