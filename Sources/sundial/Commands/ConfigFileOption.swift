import ArgumentParser
import Foundation
import SundialConfig

/// `--config FILE` (also Kapacitor's `-config FILE`), falling back to `SUNDIAL_CONFIG`; none means defaults.
struct ConfigFileOption: ParsableArguments {
    @Option(
        name: [.customLong("config"), .customLong("config", withSingleDash: true)],
        help: ArgumentHelp("The config file (a superset of kapacitor.conf). Default: $SUNDIAL_CONFIG, else none.", valueName: "file")
    )
    var path: String?

    /// Loads the file (if any) with the process environment's overrides applied.
    func load() -> ConfigLoadResult {
        let environment = ProcessInfo.processInfo.environment
        return ConfigLoader.load(path: path ?? environment["SUNDIAL_CONFIG"], environment: environment)
    }
}

/// Writes diagnostics to standard error, one per line.
enum DiagnosticPrinter {
    static func printToStandardError(_ diagnostics: [ConfigDiagnostic]) {
        for diagnostic in diagnostics {
            FileHandle.standardError.write(Data("\(diagnostic)\n".utf8))
        }
    }
}
