import Foundation
import Logging

/// `.exec(prog, args…)`: runs the program (no shell) with the event's JSON and a newline on its standard input, as
/// Kapacitor does. Only programs `[task] alert-exec-programs` lists may run: whoever may define a task or a topic
/// handler could otherwise run anything as the server's user. Kapacitor waits without limit; Sundial stops a program
/// that outlives `timeout` (default 30s; SIGTERM, then SIGKILL), so one stuck program cannot hold the deliveries.
struct ExecHandler: AlertHandler {
    let command: ExecCommand
    /// The handler's own queue: a slow program delays only this handler's events, never the task's other effects.
    private let lane: BoundedLane<AlertEvent>
    private let throttle = LogThrottle()

    /// Events a handler may have waiting for its program; past it they are dropped and reported.
    static let pendingLimit = 1_000

    /// A program that exits without reading its input makes the write fail with EPIPE; the signal that comes with it
    /// would end the whole process. `sundial serve` already ignores it (its service lifecycle does); this makes sure
    /// wherever the handler runs.
    private static let brokenPipesIgnored: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    init(options: HandlerOptions, services: HandlerServices, logger: Logger) throws(HandlerRefusal) {
        Self.brokenPipesIgnored
        guard let program = options.string("prog").nonEmpty else { throw HandlerRefusal("exec handler needs a program") }
        guard services.execPrograms.contains(program) else {
            throw HandlerRefusal("exec handler: \(program) is not in [task] alert-exec-programs")
        }
        var timeout = Duration.seconds(30)
        if case .duration(let nanoseconds)? = options["timeout"], nanoseconds > 0 { timeout = .nanoseconds(nanoseconds) }
        let command = ExecCommand(program: program, arguments: options.strings("args"), timeout: timeout, logger: logger)
        self.command = command
        lane = BoundedLane(limit: Self.pendingLimit) { event in await command.run(event) }
    }

    func handle(_ event: AlertEvent) async {
        guard !lane.submit(event) else { return }
        if let held = throttle.admit("full") {
            command.logger.error(
                "exec handler: \(Self.pendingLimit) events already wait for \(command.program); event \(event.id) dropped",
                metadata: ["reports_held_back": "\(held)"])
        }
    }
}

/// One run of an exec handler's program per event.
struct ExecCommand: Sendable {
    let program: String
    let arguments: [String]
    let timeout: Duration
    let logger: Logger

    func run(_ event: AlertEvent) async {
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
        // Both ends of the pipes off this task, so neither a program that does not read its input nor one that writes
        // more than a pipe holds can stall the delivery past its timeout.
        let json = Data((event.json + "\n").utf8)
        Thread.detachNewThread {
            try? input.fileHandleForWriting.write(contentsOf: json)
            try? input.fileHandleForWriting.close()
        }
        let written = Task.detached { (try? output.fileHandleForReading.readToEnd()) ?? Data() }
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while process.isRunning && ContinuousClock.now < deadline && !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(5))
        }
        if process.isRunning {
            process.terminate()
            try? await Task.sleep(for: .seconds(1))
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            return logger.error("exec command failed: \(program): still running after \(timeout), stopped")
        }
        if process.terminationStatus != 0 {
            let text = String(decoding: await written.value, as: UTF8.self)
            logger.error("exec command failed: \(program): exit status \(process.terminationStatus); output: \(text.prefix(4096))")
        }
    }
}

extension ExecHandler {
    static let kind = HandlerKind(
        "exec", property: "exec", arguments: ["prog", "args…"],
        maker: .local { options, services, logger throws(HandlerRefusal) in
            try ExecHandler(options: options, services: services, logger: logger)
        })
}
