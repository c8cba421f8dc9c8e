import Synchronization

/// Runs a handler's send with a deadline: whichever ends first, the send or the wait, decides. A send still running
/// at the deadline is cancelled and not waited for, so a client that ignores cancellation cannot hold up its lane.
enum Deadline {
    /// nil when the send succeeded in time; otherwise why not.
    static func run(_ timeout: Duration, _ send: @escaping @Sendable () async throws(HandlerRefusal) -> Void) async -> HandlerRefusal? {
        let decided = Decision()
        return await withCheckedContinuation { continuation in
            let work = Task {
                var outcome: HandlerRefusal? = nil
                do {
                    try await send()
                } catch let refusal as HandlerRefusal {
                    outcome = refusal
                } catch {
                    outcome = HandlerRefusal("\(error)")
                }
                if decided.claim() { continuation.resume(returning: outcome) }
            }
            let clock = Task {
                try? await Task.sleep(for: timeout)
                guard !Task.isCancelled, decided.claim() else { return }
                work.cancel()
                continuation.resume(returning: HandlerRefusal("timed out after \(timeout)"))
            }
            decided.handOver(clock)
        }
    }

    /// Who resumes the continuation: the first to claim; the send's end also cancels the clock.
    private final class Decision: Sendable {
        private let taken = Atomic<Bool>(false)
        private let clock = Mutex<Task<Void, Never>?>(nil)

        /// The clock to cancel when the send ends first.
        func handOver(_ task: Task<Void, Never>) {
            clock.withLock { $0 = task }
            // The send may have ended before the clock was handed over.
            if taken.load(ordering: .acquiring) { task.cancel() }
        }

        func claim() -> Bool {
            guard taken.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return false }
            clock.withLock { $0?.cancel() }
            return true
        }
    }
}
