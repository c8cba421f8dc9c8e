import Dispatch

/// Where statements run: Dispatch's threads, not the NIO event loops that serve every HTTP connection (Swift
/// concurrency runs on those in `sundial serve`). A query that scans for seconds then holds one worker thread,
/// while pings, writes and the other services go on being answered.
final class QueryWorkExecutor: TaskExecutor {
    static let shared = QueryWorkExecutor()

    private let queue = DispatchQueue(label: "sundial.query-work", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
