import Synchronization

/// Where a node that finishes its work off the data path (`httpPost` with `.codeField()`) hands its output back: it
/// goes to the node's children under the task's lock, as if the node had emitted it then. Connected once the task is
/// built; after the task stops, what comes back is dropped.
final class GraphReentry: Sendable {
    typealias Forward = @Sendable (_ message: RuntimeMessage, _ node: Int) -> Void
    private let forward = Mutex<Forward?>(nil)

    func connect(_ forward: @escaping Forward) {
        self.forward.withLock { $0 = forward }
    }

    func emit(_ message: RuntimeMessage, from node: Int) {
        forward.withLock { $0 }?(message, node)
    }
}
