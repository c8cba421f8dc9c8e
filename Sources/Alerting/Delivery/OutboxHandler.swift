/// A sending handler whose events go through the outbox: `handle` queues the event and returns at once.
struct OutboxHandler: AlertHandler {
    let route: DeliveryRoute
    let handler: any SendingHandler
    let outbox: AlertOutbox

    func handle(_ event: AlertEvent) async {
        await outbox.submit(event, route: route, handler: handler)
    }
}
