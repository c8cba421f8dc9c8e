public import Logging

/// A handler of a kind Sundial does not send through (`kafka`: no broker can run where Sundial is tested; `hipchat`,
/// a service that is gone): logs each event it is given as not sent, as Kapacitor does when that kind's service is not
/// enabled, so the task and its topics keep working.
public struct NotSentHandler: AlertHandler {
    let kind: String
    let owner: String
    let logger: Logger

    /// `owner`: who configured it, for the log (`alert4`, `topic cpu`).
    public init(kind: String, owner: String, logger: Logger) {
        self.kind = kind
        self.owner = owner
        self.logger = logger
    }

    public func handle(_ event: AlertEvent) async {
        logger.error("\(owner): the \(kind) alert handler is not supported yet; event \(event.id) (\(event.state.level)) not sent")
    }
}
