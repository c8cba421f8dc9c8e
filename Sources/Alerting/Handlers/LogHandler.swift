import Foundation
public import Logging

/// `.log(path)`: appends each event's JSON as one line to a file, created with `mode` (`.mode(0644)`, default 0600),
/// where `LogFilePolicy` allows. A symbolic link in the path's last part is not followed.
public struct LogHandler: AlertHandler {
    let path: String
    let mode: Int
    let logger: Logger

    public init(path: String, mode: Int = 0o600, policy: LogFilePolicy, logger: Logger) throws(LogFilePolicy.Refusal) {
        self.path = try policy.check(path: path, mode: mode)
        self.mode = mode
        self.logger = logger
    }

    public func handle(_ event: AlertEvent) async {
        let line = Array((event.json + "\n").utf8)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, mode_t(mode))
        guard descriptor >= 0 else {
            logger.error("alert log handler: cannot open \(path): \(String(cString: strerror(errno)))")
            return
        }
        defer { close(descriptor) }
        // A new file gets exactly its mode, whatever the process's umask (0077 under `sundial serve`).
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_size == 0 { fchmod(descriptor, mode_t(mode)) }
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        if written != line.count { logger.error("alert log handler: short write to \(path)") }
    }
}

extension LogHandler {
    static let kind = HandlerKind(
        "log", property: "log", arguments: ["path"],
        maker: .local { options, services, logger throws(HandlerRefusal) in
            guard let path = options.string("path").nonEmpty else { throw HandlerRefusal("log handler needs a file path") }
            let mode = options.number("mode").flatMap { Int(exactly: $0) } ?? 0o600
            do {
                return try LogHandler(path: path, mode: mode, policy: services.logFiles, logger: logger)
            } catch {
                throw HandlerRefusal(String(describing: error))
            }
        })
}
