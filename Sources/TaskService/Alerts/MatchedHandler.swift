import Alerting
import Logging
import PipelineRuntime

/// A topic handler with a `match` expression: it gets only the events that match; an event the expression cannot be
/// evaluated on (a tag it lacks) is logged and not handled, as Kapacitor does.
struct MatchedHandler: AlertHandler {
    let match: MatchExpression
    let handler: any AlertHandler
    let logger: Logger

    func handle(_ event: AlertEvent) async {
        do {
            guard try match.matches(event) else { return }
        } catch {
            logger.error("failed to evaluate match expression \(match.text): \(error)")
            return
        }
        await handler.handle(event)
    }
}
