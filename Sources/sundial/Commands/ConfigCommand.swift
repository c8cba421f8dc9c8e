import ArgumentParser
import SundialConfig

/// `sundial config`: the configuration a server would run with, as TOML, with secrets masked.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the effective configuration (defaults, file, environment) with passwords and tokens masked."
    )

    @OptionGroup var configFile: ConfigFileOption

    func run() throws {
        let result = configFile.load()
        DiagnosticPrinter.printToStandardError(result.diagnostics)
        if result.hasErrors {
            throw ExitCode.failure
        }
        print(ConfigRenderer.render(result.configuration), terminator: "")
    }
}
