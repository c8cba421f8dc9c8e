import Foundation
public import Logging
import NIOCore
import NIOPosix

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
        let parts = address.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 2, let port = Int(parts.last!) else { throw HandlerRefusal("address \(address) has no port") }
        let host = parts.dropLast().joined(separator: ":").trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        do {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(10))
                .connect(host: host.isEmpty ? "127.0.0.1" : host, port: port).get()
            // Closed whether the write succeeds or not; a peer that stops reading cannot hold it past 10 s.
            let written = channel.eventLoop.makePromise(of: Void.self)
            channel.writeAndFlush(ByteBuffer(string: event.json + "\n\n"), promise: written)
            let timer = channel.eventLoop.scheduleTask(in: .seconds(10)) { channel.close(promise: nil) }
            defer {
                timer.cancel()
                channel.close(promise: nil)
            }
            try await written.futureResult.get()
        } catch {
            throw HandlerRefusal("address \(address): \(error)")
        }
    }
}
