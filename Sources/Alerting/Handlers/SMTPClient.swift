import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// One mail through an SMTP server, as Kapacitor's mailer sends it: `EHLO localhost`, STARTTLS when the server
/// offers it (certificates verified unless `no-verify`), AUTH LOGIN or PLAIN when a user name is set and the server
/// offers it (never in clear text but to localhost, as Go's smtp refuses), then MAIL, RCPT for each recipient and
/// DATA. Kapacitor keeps one connection open for `idle-timeout`; Sundial connects for each mail.
struct SMTPClient {
    let host: String
    let port: Int
    let username: String
    let password: String
    let noVerify: Bool
    var timeout: TimeAmount = .seconds(10)

    func send(from: String, to recipients: [String], message: String) async throws(HandlerRefusal) {
        do {
            try await converse(from: from, to: recipients, message: message)
        } catch let refusal as HandlerRefusal {
            throw refusal
        } catch {
            throw HandlerRefusal("\(error)")
        }
    }

    private func converse(from: String, to recipients: [String], message: String) async throws {
        let replies = SMTPReplies()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.pipeline.addHandler(ByteToMessageHandler(SMTPLineDecoder()), name: "lines").flatMap {
                    channel.pipeline.addHandler(replies)
                }
            }
            .connect(host: host, port: port).get()
        defer { channel.close(promise: nil) }
        func command(_ line: String, expect codes: Set<Int>) async throws -> SMTPReply {
            if !line.isEmpty { try await channel.writeAndFlush(ByteBuffer(string: line + "\r\n")).get() }
            let reply = try await replies.next(timeout: timeout)
            guard codes.contains(reply.code) else { throw HandlerRefusal("\(reply.code) \(reply.text)") }
            return reply
        }
        _ = try await command("", expect: [220])
        var capabilities = try await command("EHLO localhost", expect: [250]).lines
        var encrypted = false
        if capabilities.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) {
            _ = try await command("STARTTLS", expect: [220])
            // Anything already read came in clear: it must not pass for an answer to the encrypted EHLO.
            guard replies.isEmpty else { throw HandlerRefusal("the SMTP server sent more after STARTTLS") }
            var tls = TLSConfiguration.makeClientConfiguration()
            if noVerify { tls.certificateVerification = .none }
            // A name for SNI and the certificate check; an IP address is checked against the certificate without SNI.
            let isAddress = (try? SocketAddress(ipAddress: host, port: 0)) != nil
            let handler = try NIOSSLClientHandler(
                context: try NIOSSLContext(configuration: tls), serverHostname: noVerify || isAddress ? nil : host)
            try await channel.pipeline.addHandler(handler, position: .first).get()
            encrypted = true
            capabilities = try await command("EHLO localhost", expect: [250]).lines
        }
        if !username.isEmpty, let auth = capabilities.first(where: { $0.uppercased().hasPrefix("AUTH") }) {
            guard encrypted || ["localhost", "127.0.0.1", "::1"].contains(host) else { throw HandlerRefusal("unencrypted connection") }
            let mechanisms = auth.uppercased().split(separator: " ").map(String.init)
            if mechanisms.contains("LOGIN") && !mechanisms.contains("PLAIN") {
                _ = try await command("AUTH LOGIN", expect: [334])
                _ = try await command(Data(username.utf8).base64EncodedString(), expect: [334])
                _ = try await command(Data(password.utf8).base64EncodedString(), expect: [235])
            } else {
                let plain = Data("\0\(username)\0\(password)".utf8).base64EncodedString()
                _ = try await command("AUTH PLAIN \(plain)", expect: [235])
            }
        }
        _ = try await command("MAIL FROM:<\(from)>", expect: [250])
        for recipient in recipients { _ = try await command("RCPT TO:<\(recipient)>", expect: [250, 251]) }
        _ = try await command("DATA", expect: [354])
        // Dot-stuffing: a line that starts with "." gets another.
        let body = message.components(separatedBy: "\r\n").map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n")
        _ = try await command(body + "\r\n.", expect: [250])
        _ = try? await command("QUIT", expect: [221])
    }
}

/// One SMTP reply: its code and its lines' text (`250-SIZE`, `250 HELP` → ["SIZE", "HELP"]).
struct SMTPReply {
    let code: Int
    let lines: [String]
    var text: String { lines.joined(separator: " ") }
}

/// Lines from the server, CRLF or LF ended.
private struct SMTPLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = String

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let end = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else { return .needMoreData }
        let length = end - buffer.readerIndex + 1
        guard var line = buffer.readString(length: length) else { return .needMoreData }
        while line.hasSuffix("\n") || line.hasSuffix("\r") { line.removeLast() }
        context.fireChannelRead(wrapInboundOut(line))
        return .continue
    }
}

/// Gathers lines into replies (a reply ends at a line whose fourth character is a space) and hands them out in order.
private final class SMTPReplies: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = String
    private let lock = NSLock()
    private var pending: [String] = []
    private var ready: [SMTPReply] = []
    private var waiting: CheckedContinuation<SMTPReply, any Error>?
    private var failure: (any Error)?

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let line = unwrapInboundIn(data)
        lock.lock()
        pending.append(line)
        var delivered: (CheckedContinuation<SMTPReply, any Error>, SMTPReply)?
        if line.count < 4 || Array(line)[3] == " " {
            let code = Int(line.prefix(3)) ?? 0
            let reply = SMTPReply(code: code, lines: pending.map { String($0.dropFirst(min(4, $0.count))) })
            pending = []
            if let waiting {
                delivered = (waiting, reply)
                self.waiting = nil
            } else {
                ready.append(reply)
            }
        }
        lock.unlock()
        if let (continuation, reply) = delivered { continuation.resume(returning: reply) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(HandlerRefusal("the SMTP server closed the connection"))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error)
        context.close(promise: nil)
    }

    private func fail(_ error: any Error) {
        lock.lock()
        failure = failure ?? error
        let continuation = waiting
        waiting = nil
        lock.unlock()
        continuation?.resume(throwing: error)
    }

    /// Whether nothing read is waiting to be taken as a reply.
    var isEmpty: Bool {
        lock.lock()
        defer { lock.unlock() }
        return ready.isEmpty && pending.isEmpty
    }

    func next(timeout: TimeAmount) async throws -> SMTPReply {
        try await withThrowingTaskGroup(of: SMTPReply.self) { group in
            group.addTask {
                // A continuation cannot be cancelled, only resumed: cancelling resumes it with the cancellation.
                try await withTaskCancellationHandler {
                    try await self.nextReply()
                } onCancel: {
                    self.wake(CancellationError())
                }
            }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(max(timeout.nanoseconds, 0)))
                let refusal = HandlerRefusal("no answer from the SMTP server within \(timeout.nanoseconds / 1_000_000_000)s")
                self.wake(refusal)
                throw refusal
            }
            defer { group.cancelAll() }
            guard let reply = try await group.next() else { throw CancellationError() }
            return reply
        }
    }

    /// Resumes a waiting reader with `error` without failing the connection (a reply that arrived first stays).
    private func wake(_ error: any Error) {
        lock.lock()
        let continuation = waiting
        waiting = nil
        lock.unlock()
        continuation?.resume(throwing: error)
    }

    private func nextReply() async throws -> SMTPReply {
        try await withCheckedThrowingContinuation { continuation in
            lock.lock()
            if !ready.isEmpty {
                let reply = ready.removeFirst()
                lock.unlock()
                continuation.resume(returning: reply)
            } else if let failure {
                lock.unlock()
                continuation.resume(throwing: failure)
            } else if Task.isCancelled {
                // Cancelled before waiting: the cancellation handler found nobody to wake.
                lock.unlock()
                continuation.resume(throwing: CancellationError())
            } else {
                waiting = continuation
                lock.unlock()
            }
        }
    }
}
