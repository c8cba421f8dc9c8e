import ArgumentParser
import Foundation
import SundialConfig

/// `sundial check-config FILE`: prints `ok`, or every problem with its line, and exits 1 on errors.
struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Check a config file and print every problem with its line number.",
        discussion: """
            Prints `ok` when the file can be used; otherwise every error and warning, one per line \
            (`line 7: [[influxdb]] urls: expected an array of strings, got "http://x"`), and exits with status 1 \
            when there is an error. Warnings (unknown keys) alone do not fail the check. Environment overrides \
            (KAPACITOR_*, SUNDIAL_*, HOST, PORT, RESOURCES_PATH, CANNED_PATH, PROTOBOARDS_PATH) are applied as `serve` would, and \
            the config API's overrides stored in the data directory are checked against the file.
            """
    )

    @Argument(help: ArgumentHelp("The config file to check.", valueName: "file"))
    var path: String

    func run() throws {
        let result = ConfigLoader.load(path: path, environment: ProcessInfo.processInfo.environment)
        for diagnostic in result.diagnostics {
            print(diagnostic)
        }
        if result.hasErrors {
            throw ExitCode.failure
        }
        // The config API's stored overrides are part of what `serve` runs with: ones that no longer apply are named.
        for note in try StoredConfigOverrides(over: result.configuration).notes {
            print(note)
        }
        print("ok")
    }
}
