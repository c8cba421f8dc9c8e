import Alerting
import Testing

@Suite struct LogFilePolicyTests {
    private let policy = LogFilePolicy(directories: ["/srv/alerts", "/var/log/kapacitor/"])

    /// `.log()` writes only inside the configured directories, with at most 0644 (a task could append to any file the
    /// server's user may write, or create executable ones).
    @Test func onlyFilesInsideTheDirectoriesWithAtMost0644() throws {
        #expect(try policy.check(path: "/srv/alerts/cpu.log", mode: 0o644) == "/srv/alerts/cpu.log")
        #expect(try policy.check(path: "/var/log/kapacitor/a/b.log", mode: 0o600) == "/var/log/kapacitor/a/b.log")
        for path in ["/srv/alerts", "/srv/alertsX/a.log", "/srv/alerts/../x.log", "/srv/./alerts/x.log", "relative.log", "/etc/passwd"] {
            #expect(throws: LogFilePolicy.Refusal.self, "\(path)") { try policy.check(path: path, mode: 0o600) }
        }
        for mode in [0o755, 0o666, 0o4600, 0o700] {
            #expect(throws: LogFilePolicy.Refusal.self, "\(mode)") { try policy.check(path: "/srv/alerts/a.log", mode: mode) }
        }
        do {
            _ = try policy.check(path: "/tmp/a.log", mode: 0o600)
        } catch {
            #expect(
                error.description
                    == "alert log path /tmp/a.log is outside the directories alert logs may be written to (/srv/alerts, /var/log/kapacitor); add its directory to [task] alert-log-directories"
            )
        }
    }
}
