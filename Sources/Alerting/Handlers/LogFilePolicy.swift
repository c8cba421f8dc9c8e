import Foundation

/// Where `.log()` handlers may write, and with which permissions: only inside the configured directories
/// (`[task] alert-log-directories`), with at most `0644`. Without it, whoever may define a task could append to any
/// file the server's user can write, or create executable or world-writable files.
public struct LogFilePolicy: Sendable {
    /// Absolute directories; nil allows any path (in-process tests).
    let directories: [String]?

    public init(directories: [String]) {
        self.directories = directories.map { ($0 as NSString).standardizingPath }
    }

    private init(anywhere: Void) { directories = nil }

    /// Any path, any mode up to 0644: for tests that run tasks in process.
    public static let anywhere = LogFilePolicy(anywhere: ())

    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// The path to open, or why it may not be.
    public func check(path: String, mode: Int) throws(Refusal) -> String {
        guard mode & ~0o644 == 0 else {
            throw Refusal(description: "alert log mode \(String(mode, radix: 8)) gives more than 0644 (rw-r--r--)")
        }
        guard let directories else { return path }
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard path.hasPrefix("/"), !components.contains(".."), !components.contains(".") else {
            throw Refusal(description: "alert log path \(path) must be absolute, without . or .. parts")
        }
        let standardized = (path as NSString).standardizingPath
        guard directories.contains(where: { standardized.hasPrefix($0 == "/" ? "/" : $0 + "/") }) else {
            let allowed = directories.isEmpty ? "none are configured" : directories.joined(separator: ", ")
            throw Refusal(
                description: "alert log path \(path) is outside the directories alert logs may be written to (\(allowed)); "
                    + "add its directory to [task] alert-log-directories")
        }
        return standardized
    }
}
