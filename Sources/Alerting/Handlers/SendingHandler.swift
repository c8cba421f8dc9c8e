import Logging

/// A handler whose delivery can fail with the service's own reason: `send` reports it (a service test shows it to the
/// caller), `handle` logs it and goes on, as Kapacitor logs a failed delivery and drops it. Outside the outbox an
/// attempt is bounded by `onceTimeout`, so a peer that accepts and then stays silent cannot hold up a task.
protocol SendingHandler: AlertHandler {
    /// What the log says before the reason (`slack handler: failed to send event`).
    var failureText: String { get }
    var logger: Logger { get }
    func send(_ event: AlertEvent) async throws(HandlerRefusal)
}

extension SendingHandler {
    /// One attempt (Kapacitor's `send-once`, or no outbox), bounded like the outbox's attempts.
    func handle(_ event: AlertEvent) async {
        if let refusal = await Deadline.run(Self.onceTimeout, { () throws(HandlerRefusal) in try await send(event) }) {
            logger.error("\(failureText): \(refusal)")
        }
    }

    static var onceTimeout: Duration { .seconds(30) }
}

extension Optional where Wrapped == String {
    /// The text unless it is absent or empty: handler options fall back to the service's config then.
    var nonEmpty: String? {
        guard let self, !self.isEmpty else { return nil }
        return self
    }
}

extension String {
    /// The text unless it is empty.
    var nonEmpty: String? { isEmpty ? nil : self }

    /// The URL without a trailing slash, to append paths to.
    var withoutTrailingSlash: String { hasSuffix("/") ? String(dropLast()) : self }
}
