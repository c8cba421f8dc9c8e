internal import Foundation
public import Logging
import TimeSeries

#if canImport(Glibc)
    import Glibc
#endif

/// A swift-log handler that writes one plain line per message:
/// `2026-11-22T10:04:05.123Z info store: GET /ping 204 0.412ms hb.request.id=7`.
///
/// Each line goes out in a single `write(2)`, so lines from concurrent tasks never interleave and no lock is taken.
public struct LineLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let output: LogOutput

    public init(label: String, level: Logger.Level, output: LogOutput) {
        self.label = label
        self.logLevel = level
        self.output = output
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var text = LogTimestamp.now() + " " + event.level.rawValue + " " + label + ": " + event.message.description
        if let error = event.error {
            text += " error=\(error)"
        }
        let merged = event.metadata.map { metadata.merging($0) { _, new in new } } ?? metadata
        for key in merged.keys.sorted() {
            text += " \(key)=\(merged[key]!)"
        }
        output.write(line: text)
    }
}

/// Where log lines go: standard error, or a file opened for appending.
public final class LogOutput: Sendable {
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    public static let standardError = LogOutput(descriptor: STDERR_FILENO)
    public static let standardOutput = LogOutput(descriptor: STDOUT_FILENO)

    /// Opens `path` for appending, creating it if needed.
    public static func appending(to path: String) throws(LogOutputError) -> LogOutput {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw LogOutputError(path: path, reason: String(cString: strerror(errno)))
        }
        return LogOutput(descriptor: descriptor)
    }

    func write(line: String) {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}

/// The log file could not be opened.
public struct LogOutputError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "cannot open log file \(path): \(reason)" }
}

/// UTC timestamps with milliseconds, formatted without Foundation's date formatters.
enum LogTimestamp {
    static func now() -> String {
        let milliseconds = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
        return format(millisecondsSinceEpoch: milliseconds)
    }

    /// `2026-11-22T10:04:05.123Z`.
    static func format(millisecondsSinceEpoch: Int64) -> String {
        let totalSeconds = millisecondsSinceEpoch >= 0 ? millisecondsSinceEpoch / 1000 : (millisecondsSinceEpoch + 1) / 1000 - 1
        let days = totalSeconds >= 0 ? totalSeconds / 86_400 : (totalSeconds + 1) / 86_400 - 1
        let secondOfDay = Int(totalSeconds - days * 86_400)
        let (year, month, day) = CivilDate.date(daysSinceEpoch: days)
        let millisecond = Int(millisecondsSinceEpoch - totalSeconds * 1000)
        return "\(padded(Int(year), 4))-\(padded(Int(month), 2))-\(padded(Int(day), 2))T\(padded(secondOfDay / 3600, 2)):"
            + "\(padded(secondOfDay / 60 % 60, 2)):\(padded(secondOfDay % 60, 2)).\(padded(millisecond, 3))Z"
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
