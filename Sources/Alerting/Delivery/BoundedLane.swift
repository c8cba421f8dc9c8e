/// Work done one item at a time, in order, off the caller, with at most `limit` items waiting: past it `submit`
/// refuses the item (the caller reports it), so a slow consumer costs bounded memory. The consumer ends when the lane
/// is released.
final class BoundedLane<Item: Sendable>: Sendable {
    private let continuation: AsyncStream<Item>.Continuation

    init(limit: Int, run: @escaping @Sendable (Item) async -> Void) {
        let (stream, continuation) = AsyncStream<Item>.makeStream(bufferingPolicy: .bufferingOldest(limit))
        self.continuation = continuation
        Task {
            for await item in stream { await run(item) }
        }
    }

    deinit { continuation.finish() }

    /// Queues `item`; false when `limit` items are already waiting.
    func submit(_ item: Item) -> Bool {
        if case .dropped = continuation.yield(item) { return false }
        return true
    }
}
