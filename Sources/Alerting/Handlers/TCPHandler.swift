import Foundation
import Logging

/// `.tcp(address)`: each event's JSON and two newlines on a new connection, then closed, as Kapacitor sends it;
/// nothing is read back. A connection or write that fails is the delivery's failure.
struct TCPHandler: SendingHandler {
    let failureText = "tcp handler failed to send"
    let address: String
    let logger: Logger

    init(options: HandlerOptions, logger: Logger) throws(HandlerRefusal) {
        guard let address = options.string("address").nonEmpty else { throw HandlerRefusal("tcp handler needs an address") }
        self.address = address
        self.logger = logger
    }

    func send(_ event: AlertEvent) async throws(HandlerRefusal) {
        let exchange = try TCPExchange(address: address)
        do {
            _ = try await exchange.send(event.json + "\n\n", readsAnswer: false)
        } catch {
            throw HandlerRefusal("address \(address): \(error)")
        }
    }
}

extension TCPHandler {
    static let kind = HandlerKind(
        "tcp", property: "tcp", arguments: ["address"], test: nil,
        make: { options, _, logger throws(HandlerRefusal) in try TCPHandler(options: options, logger: logger) })
}
