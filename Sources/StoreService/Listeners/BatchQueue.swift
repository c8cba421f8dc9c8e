import Synchronization

/// The batches a listener has gathered and its writer has not yet written, at most `capacity` of them. Whoever adds
/// one to a full queue waits until the writer takes one: the listener stops reading, as InfluxDB's does, and the
/// kernel's socket buffer (UDP) or the sender (TCP) holds or drops what comes meanwhile.
final class BatchQueue: Sendable {
    private struct State {
        var batches: [[UInt8]] = []
        var finished = false
        /// Adders waiting for room, in arrival order.
        var waitingAdders: [CheckedContinuation<Void, Never>] = []
        /// The writer, waiting for a batch (only while none is queued).
        var waitingTaker: CheckedContinuation<[UInt8]?, Never>?
    }

    private enum Addition {
        case handed(CheckedContinuation<[UInt8]?, Never>)
        case queued
        case full
    }

    private let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Adds a batch, first waiting while the queue is full. After `finish()` it is still queued and written.
    func add(_ batch: [UInt8]) async {
        while true {
            let addition = state.withLock { state -> Addition in
                if let taker = state.waitingTaker {
                    state.waitingTaker = nil
                    return .handed(taker)
                }
                guard state.batches.count < capacity || state.finished else { return .full }
                state.batches.append(batch)
                return .queued
            }
            switch addition {
            case .handed(let taker): return taker.resume(returning: batch)
            case .queued: return
            case .full: await waitForRoom()
            }
        }
    }

    private func waitForRoom() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let full = state.withLock { state -> Bool in
                guard state.batches.count >= capacity, !state.finished else { return false }
                state.waitingAdders.append(continuation)
                return true
            }
            if !full { continuation.resume() }
        }
    }

    /// The oldest batch, waiting for one; nil once finished and empty. Taking one wakes every waiting adder, and
    /// each looks again: waking only the first lost the others when it then handed its batch straight to a waiting
    /// writer (the queue empty, nobody left to wake them).
    func take() async -> [UInt8]? {
        await withCheckedContinuation { (continuation: CheckedContinuation<[UInt8]?, Never>) in
            let (ready, batch, adders) = state.withLock { state -> (Bool, [UInt8]?, [CheckedContinuation<Void, Never>]) in
                if !state.batches.isEmpty {
                    let adders = state.waitingAdders
                    state.waitingAdders = []
                    return (true, state.batches.removeFirst(), adders)
                }
                if state.finished { return (true, nil, []) }
                state.waitingTaker = continuation
                return (false, nil, [])
            }
            for adder in adders { adder.resume() }
            if ready { continuation.resume(returning: batch) }
        }
    }

    /// No more batches are coming: the writer gets those queued, then nil; adders still waiting go on.
    func finish() {
        let (taker, adders) = state.withLock { state -> (CheckedContinuation<[UInt8]?, Never>?, [CheckedContinuation<Void, Never>]) in
            state.finished = true
            let taker = state.waitingTaker
            state.waitingTaker = nil
            let adders = state.waitingAdders
            state.waitingAdders = []
            return (taker, adders)
        }
        taker?.resume(returning: nil)
        for adder in adders { adder.resume() }
    }
}
