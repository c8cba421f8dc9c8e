import Foundation
import LineProtocol
import TimeSeries

/// Receives a copy of every write to a retention policy that has subscriptions (the store service sends them on).
public protocol SubscriptionSink: Sendable {
    /// `lines` is the batch as line protocol, one point per line with its nanosecond timestamp.
    func forward(_ lines: [UInt8], database: String, retentionPolicy: String, subscriptions: [SubscriptionInfo])
}

/// Receives, in process, every write the store has made durable (the stream engine's tasks read them), for the
/// policies it asks for.
public protocol WriteObserver: Sendable {
    func wants(database: String, retentionPolicy: String) -> Bool
    /// `lines`: the accepted points, one per line, timed in nanoseconds.
    func accepted(_ lines: [UInt8], database: String, retentionPolicy: String)
}

/// `CREATE/DROP/SHOW SUBSCRIPTIONS`, kept with their retention policy in `meta.json`, with InfluxDB's rules.
extension StorageEngine {
    public func createSubscription(_ subscription: SubscriptionInfo, database: String, retentionPolicy: String) throws {
        for destination in subscription.destinations where !Self.isValidDestination(destination) {
            throw StorageError(.invalidArgument, "invalid subscription URL: \(destination)")
        }
        try updateMeta(database: database) { info in
            guard let index = info.retentionPolicies.firstIndex(where: { $0.name == retentionPolicy }) else {
                throw StorageError(.retentionPolicyNotFound, "retention policy not found: \(retentionPolicy)")
            }
            guard !info.retentionPolicies[index].subscriptions.contains(where: { $0.name == subscription.name }) else {
                throw StorageError(.invalidArgument, "subscription already exists")
            }
            info.retentionPolicies[index].subscriptions.append(subscription)
        }
    }

    public func dropSubscription(_ name: String, database: String, retentionPolicy: String) throws {
        try updateMeta(database: database) { info in
            guard let index = info.retentionPolicies.firstIndex(where: { $0.name == retentionPolicy }) else {
                throw StorageError(.retentionPolicyNotFound, "retention policy not found: \(retentionPolicy)")
            }
            guard let position = info.retentionPolicies[index].subscriptions.firstIndex(where: { $0.name == name }) else {
                throw StorageError(.invalidArgument, "subscription not found")
            }
            info.retentionPolicies[index].subscriptions.remove(at: position)
        }
    }

    /// Where copies of writes go; set once by the service that delivers them.
    public func setSubscriptionSink(_ sink: (any SubscriptionSink)?) {
        withLock { subscriptionSink = sink }
    }

    /// Who sees accepted writes in process; set once by whoever runs stream tasks.
    public func setWriteObserver(_ observer: (any WriteObserver)?) {
        withLock { writeObserver = observer }
    }

    /// An `http`, `https` or `udp` URL with a host and a port, as InfluxDB requires at create time.
    static func isValidDestination(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            ["http", "https", "udp"].contains(scheme), components.host?.isEmpty == false, components.port != nil
        else { return false }
        return true
    }

    /// The batch as subscribers get it: every parsed point (also those validation drops later, as InfluxDB copies
    /// the batch first), one per line, with its timestamp in nanoseconds.
    static func subscriptionLines(_ batch: EncodedBatch) -> [UInt8] { lines(batch, points: batch.points.indices) }

    /// The points at `indices` of the batch, one per line, timed in nanoseconds.
    static func lines(_ batch: EncodedBatch, points indices: some Sequence<Int>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(batch.arena.bytes.count + batch.points.count * 24)
        for index in indices {
            let point = batch.points[index]
            output.append(contentsOf: batch.bytes(point.seriesKey))
            for fieldIndex in point.firstField..<(point.firstField + point.fieldCount) {
                let field = batch.fields[fieldIndex]
                output.append(fieldIndex == point.firstField ? UInt8(ascii: " ") : UInt8(ascii: ","))
                output.append(contentsOf: batch.bytes(field.key))
                output.append(UInt8(ascii: "="))
                LineProtocolEncoder.appendValue(field.value, to: &output)
            }
            output.append(UInt8(ascii: " "))
            output.append(contentsOf: String(point.timestamp).utf8)
            output.append(UInt8(ascii: "\n"))
        }
        return output
    }
}
