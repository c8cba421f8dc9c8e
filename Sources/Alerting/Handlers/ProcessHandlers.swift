import Foundation
public import Logging
import NIOCore
import NIOPosix

/// `.tcp(address)`: each event's JSON and two newlines on a new connection, then closed, as Kapacitor sends it;
/// nothing is read back. A connection or write that fails is logged.
public struct TCPHandler: AlertHandler {
    let address: String
    let logger: Logger

    init(options: HandlerOptions, logger: Logger) throws(HandlerRefusal) {
        guard let address = options.string("address").nonEmpty else { throw HandlerRefusal("tcp handler needs an address") }
        self.address = address
        self.logger = logger
    }

    public func handle(_ event: AlertEvent) async {
        let parts = address.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 2, let port = Int(parts.last!) else {
            return logger.error("tcp handler failed to connect: address \(address) has no port")
        }
        let host = parts.dropLast().joined(separator: ":").trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        do {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(10))
                .connect(host: host.isEmpty ? "127.0.0.1" : host, port: port).get()
            try await channel.writeAndFlush(ByteBuffer(string: event.json + "\n\n")).get()
            try await channel.close().get()
        } catch {
            logger.error("tcp handler failed to connect: address \(address): \(error)")
        }
    }
}

/// `.exec(prog, args…)`: runs the program (no shell) with the event's JSON and a newline on its standard input, as
/// Kapacitor does; a program that fails or outlives `timeout` is logged with what it wrote. Kapacitor waits without
/// limit; Sundial stops it after the timeout (default 30s) so one stuck program cannot hold the alert's deliveries.
public struct ExecHandler: AlertHandler {
    let program: String
    let arguments: [String]
    let timeout: Duration
    let logger: Logger

    init(options: HandlerOptions, logger: Logger) throws(HandlerRefusal) {
        guard let program = options.string("prog").nonEmpty else { throw HandlerRefusal("exec handler needs a program") }
        self.program = program
        arguments = options.strings("args")
        if case .duration(let nanoseconds)? = options["timeout"], nanoseconds > 0 {
            timeout = .nanoseconds(nanoseconds)
        } else {
            timeout = .seconds(30)
        }
        self.logger = logger
    }

    public func handle(_ event: AlertEvent) async {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            return logger.error("exec command failed: \(program): \(error)")
        }
        let json = Data((event.json + "\n").utf8)
        try? input.fileHandleForWriting.write(contentsOf: json)
        try? input.fileHandleForWriting.close()
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while process.isRunning && ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(5)) }
        if process.isRunning {
            process.terminate()
            return logger.error("exec command failed: \(program): still running after \(timeout), stopped")
        }
        let written = String(decoding: (try? output.fileHandleForReading.readToEnd()) ?? Data(), as: UTF8.self)
        if process.terminationStatus != 0 {
            logger.error("exec command failed: \(program): exit status \(process.terminationStatus); output: \(written.prefix(4096))")
        }
    }
}
