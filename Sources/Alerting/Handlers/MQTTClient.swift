import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// Just enough MQTT 3.1.1 to publish one message: CONNECT (clean session, user name and password when set), PUBLISH
/// at QoS 0, 1 (PUBACK) or 2 (PUBREC, PUBREL, PUBCOMP), DISCONNECT; a connection per message, which alerts' rates
/// allow. The outbox's deadline bounds the whole exchange. Publishes with one client id to one broker take turns: a
/// broker closes a session when another connects with its client id (Kapacitor keeps one connection per broker).
struct MQTTClient {
    let host: String
    let port: Int
    let clientID: String
    let username: String
    let password: String

    /// `tcp://host:port`, `host:port` or `:port` (the loopback), as Kapacitor reads a broker's URL; 1883 when no port.
    static func address(_ url: String) throws(HandlerRefusal) -> (host: String, port: Int) {
        var rest = Substring(url)
        if let range = rest.range(of: "://") {
            guard rest[..<range.lowerBound].lowercased() == "tcp" else {
                throw HandlerRefusal("only tcp:// MQTT brokers are supported", isPermanent: true)
            }
            rest = rest[range.upperBound...]
        }
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        guard let colon = rest.lastIndex(of: ":"), !rest.hasSuffix("]") else {
            return (rest.isEmpty ? "127.0.0.1" : String(rest), 1883)
        }
        guard let port = Int(rest[rest.index(after: colon)...]), (1...65_535).contains(port) else {
            throw HandlerRefusal("invalid MQTT broker URL \(url)", isPermanent: true)
        }
        let host = rest[..<colon].trimmingCharacters(in: ["[", "]"])
        return (host.isEmpty ? "127.0.0.1" : host, port)
    }

    /// The gate of each broker and client id.
    private static let gates = Mutex<[String: AsyncGate]>([:])

    func publish(topic: String, message: [UInt8], qos: UInt8, retained: Bool) async throws {
        let gate = Self.gates.withLock { gates in
            let key = "\(host):\(port) \(clientID)"
            if let gate = gates[key] { return gate }
            let gate = AsyncGate()
            gates[key] = gate
            return gate
        }
        try await gate.run { try await exchange(topic: topic, message: message, qos: qos, retained: retained) }
    }

    private func exchange(topic: String, message: [UInt8], qos: UInt8, retained: Bool) async throws {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
        try await channel.executeThenClose { inbound, outbound in
            var packets = MQTTPacketReader(inbound.makeAsyncIterator())
            try await outbound.write(connectPacket())
            let connack = try await packets.next()
            guard connack.type == 2, connack.body.count >= 2 else { throw HandlerRefusal("the MQTT broker did not accept the connection") }
            guard connack.body[1] == 0 else { throw HandlerRefusal("MQTT connection refused: \(Self.refusal(connack.body[1]))") }
            let packetID: UInt16 = 1
            try await outbound.write(publishPacket(topic: topic, message: message, qos: qos, retained: retained, packetID: packetID))
            if qos == 1 {
                guard try await packets.next().type == 4 else { throw HandlerRefusal("the MQTT broker did not acknowledge the message") }
            } else if qos == 2 {
                guard try await packets.next().type == 5 else { throw HandlerRefusal("the MQTT broker did not receive the message") }
                try await outbound.write(ByteBuffer(bytes: [0x62, 0x02, UInt8(packetID >> 8), UInt8(packetID & 0xFF)]))
                guard try await packets.next().type == 7 else { throw HandlerRefusal("the MQTT broker did not complete the message") }
            }
            try await outbound.write(ByteBuffer(bytes: [0xE0, 0x00]))
        }
    }

    private func connectPacket() -> ByteBuffer {
        var flags: UInt8 = 0x02  // clean session
        if !username.isEmpty { flags |= 0x80 }
        if !password.isEmpty { flags |= 0x40 }
        var body = Self.string("MQTT") + [4, flags, 0, 30]  // protocol level 4 (3.1.1), keep-alive 30 s
        body += Self.string(clientID)
        if !username.isEmpty { body += Self.string(username) }
        if !password.isEmpty { body += Self.string(password) }
        return ByteBuffer(bytes: [0x10] + Self.remainingLength(body.count) + body)
    }

    private func publishPacket(topic: String, message: [UInt8], qos: UInt8, retained: Bool, packetID: UInt16) -> ByteBuffer {
        var body = Self.string(topic)
        if qos > 0 { body += [UInt8(packetID >> 8), UInt8(packetID & 0xFF)] }
        body += message
        let header: UInt8 = 0x30 | (qos << 1) | (retained ? 1 : 0)
        return ByteBuffer(bytes: [header] + Self.remainingLength(body.count) + body)
    }

    /// A UTF-8 string with its 16-bit length (longer ones are cut: MQTT's limit).
    private static func string(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8.prefix(65_535))
        return [UInt8(bytes.count >> 8), UInt8(bytes.count & 0xFF)] + bytes
    }

    private static func remainingLength(_ count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var rest = count
        repeat {
            var byte = UInt8(rest % 128)
            rest /= 128
            if rest > 0 { byte |= 0x80 }
            bytes.append(byte)
        } while rest > 0
        return bytes
    }

    private static func refusal(_ code: UInt8) -> String {
        switch code {
        case 1: "unacceptable protocol version"
        case 2: "identifier rejected"
        case 3: "server unavailable"
        case 4: "bad user name or password"
        case 5: "not authorized"
        default: "code \(code)"
        }
    }
}

/// Splits the broker's bytes into packets: a type, and the body after the fixed header.
struct MQTTPacketReader {
    private var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private var buffer = ByteBuffer()

    init(_ iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) {
        self.iterator = iterator
    }

    mutating func next() async throws -> (type: UInt8, body: [UInt8]) {
        while true {
            if let packet = take() { return packet }
            guard var chunk = try await iterator.next() else { throw HandlerRefusal("the MQTT broker closed the connection") }
            buffer.writeBuffer(&chunk)
            guard buffer.readableBytes < 1 << 20 else { throw HandlerRefusal("the MQTT broker sent an oversized packet") }
        }
    }

    private mutating func take() -> (type: UInt8, body: [UInt8])? {
        let bytes = buffer.readableBytesView
        guard let first = bytes.first else { return nil }
        var length = 0
        var multiplier = 1
        var index = bytes.index(after: bytes.startIndex)
        for _ in 0..<4 {
            guard index < bytes.endIndex else { return nil }
            let byte = bytes[index]
            length += Int(byte & 0x7F) * multiplier
            multiplier *= 128
            index = bytes.index(after: index)
            if byte & 0x80 == 0 {
                let headerLength = bytes.distance(from: bytes.startIndex, to: index)
                guard buffer.readableBytes >= headerLength + length else { return nil }
                buffer.moveReaderIndex(forwardBy: headerLength)
                let body = buffer.readBytes(length: length) ?? []
                return (first >> 4, body)
            }
        }
        return (0, [])  // a length longer than MQTT allows: not a packet the exchange expects
    }
}
