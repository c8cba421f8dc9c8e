import ArgumentParser
import SundialConfig

/// `sundial config`: the configuration a server would run with, as TOML, with secrets masked: the file's, with the
/// environment's and the config API's stored overrides applied.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the effective configuration (defaults, file, environment, config API overrides) with secrets masked."
    )

    @OptionGroup var configFile: ConfigFileOption

    func run() throws {
        let result = configFile.load()
        DiagnosticPrinter.printToStandardError(result.diagnostics)
        if result.hasErrors {
            throw ExitCode.failure
        }
        let stored = try StoredConfigOverrides(over: result.configuration)
        for note in stored.notes {
            print("# \(note)")
        }
        print(ConfigRenderer.render(stored.configuration), terminator: "")
    }
}
