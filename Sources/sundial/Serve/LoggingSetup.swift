import ArgumentParser
import Foundation
import Logging
import ServerLogging
import SundialConfig

/// Points swift-log at `[logging] file` with `[logging] level`, once per process.
enum LoggingSetup {
    static func bootstrap(_ section: LoggingSection) throws -> Logger {
        let output: LogOutput
        switch section.file.uppercased() {
        case "", "STDERR": output = .standardError
        case "STDOUT": output = .standardOutput
        default:
            do {
                output = try LogOutput.appending(to: section.file)
            } catch {
                FileHandle.standardError.write(Data("sundial: \(error)\n".utf8))
                throw ExitCode.failure
            }
        }
        let level = loggerLevel(section.level)
        LoggingSystem.bootstrap { label in LineLogHandler(label: label, level: level, output: output) }
        return Logger(label: "sundial")
    }

    /// `off` maps to `critical`, the quietest level swift-log has; Sundial logs nothing at that level.
    static func loggerLevel(_ setting: LogLevelSetting) -> Logger.Level {
        switch setting {
        case .debug: .debug
        case .info: .info
        case .warn: .warning
        case .error: .error
        case .off: .critical
        }
    }
}
