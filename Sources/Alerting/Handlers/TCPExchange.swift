import Foundation
import NIOCore
import NIOPosix

/// One connection to a `host:port` that sends a message and, when asked, reads the answer until the peer closes
/// (Sensu's client socket answers `ok`); used by the tcp and sensu handlers. The outbox's deadline bounds it as a whole.
struct TCPExchange {
    let host: String
    let port: Int

    /// `address` as `host:port` (`[::1]:3030` too); an empty host is the loopback.
    init(address: String) throws(HandlerRefusal) {
        let parts = address.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 2, let port = Int(parts.last!), (1...65_535).contains(port) else {
            throw HandlerRefusal("address \(address) has no port", isPermanent: true)
        }
        let host = parts.dropLast().joined(separator: ":").trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        self.host = host.isEmpty ? "127.0.0.1" : host
        self.port = port
    }

    /// Sends `message`; with `readsAnswer`, returns what the peer sent before closing (at most 64 KB).
    func send(_ message: String, readsAnswer: Bool) async throws -> String {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: message))
            guard readsAnswer else { return "" }
            var answer = ByteBuffer()
            for try await chunk in inbound {
                answer.writeImmutableBuffer(chunk)
                if answer.readableBytes > 65_536 { break }
            }
            return String(buffer: answer)
        }
    }
}
