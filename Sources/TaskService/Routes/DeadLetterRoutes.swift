import Alerting
import Foundation
import Hummingbird
import TimeSeries

/// `/kapacitor/v1/alerts/dead-letters` (Sundial's): the events the alert outbox gave up on after their retry time,
/// with the handler, the attempts and the endpoint's last answer; `DELETE` clears them.
struct DeadLetterRoutes {
    let outbox: AlertOutbox?

    func collection() -> RouteCollection<BasicRequestContext> {
        let routes = RouteCollection(context: BasicRequestContext.self)
        routes.get("alerts/dead-letters") { _, _ in
            let letters = try outbox?.deadLetters() ?? []
            return try TaskRoutes.json(["link": AlertRoutes.link("alerts/dead-letters"), "dead-letters": letters.map(Self.json)])
        }
        routes.delete("alerts/dead-letters") { _, _ in
            try outbox?.clearDeadLetters()
            return Response(status: .noContent)
        }
        return routes
    }

    private static func json(_ letter: DeadLetter) -> [String: Any] {
        let delivery = letter.delivery
        var entry: [String: Any] = [
            "id": delivery.number, "owner": delivery.route.owner, "kind": delivery.route.kind, "alert-id": delivery.alertID,
            "attempts": delivery.attempts, "error": delivery.lastError, "failed": GoTime.rfc3339Nano(nanoseconds(letter.failedAt)),
        ]
        if let first = delivery.firstAttempt { entry["first-attempt"] = GoTime.rfc3339Nano(nanoseconds(first)) }
        if let event = delivery.alertEvent {
            entry["level"] = event.state.level.description
            entry["message"] = event.state.message
            entry["time"] = GoTime.rfc3339Nano(event.state.time)
            entry["topic"] = event.topic
        }
        return entry
    }

    private static func nanoseconds(_ seconds: Double) -> Int64 { Int64(exactly: (seconds * 1e9).rounded()) ?? 0 }
}
