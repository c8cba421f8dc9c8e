import Foundation

/// Builds a `SundialConfiguration` from defaults, an optional TOML file, and the environment, in that order of
/// precedence (later wins). It never throws or stops at the first problem: every diagnostic is collected so
/// `sundial check-config` can list them all.
public enum ConfigLoader {
    /// Loads the file at `path` (or only defaults and environment when `path` is nil).
    public static func load(path: String?, environment: [String: String]) -> ConfigLoadResult {
        guard let path else { return parse("", environment: environment) }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? error.localizedDescription
            let diagnostic = ConfigDiagnostic(
                severity: .error, origin: .file(path), subject: "", message: "cannot read the config file: \(reason)"
            )
            return ConfigLoadResult(configuration: SundialConfiguration(), diagnostics: [diagnostic])
        }
        return parse(text, environment: environment)
    }

    /// Loads TOML text; an empty text gives the defaults.
    public static func parse(_ text: String, environment: [String: String]) -> ConfigLoadResult {
        let root: TOMLNode
        do {
            root = try TOMLNode.parseDocument(text)
        } catch {
            let diagnostic = ConfigDiagnostic(
                severity: .error, origin: .lineColumn(line: error.line, column: error.column), subject: "",
                message: "invalid TOML: \(error.message)"
            )
            return ConfigLoadResult(configuration: SundialConfiguration(), diagnostics: [diagnostic])
        }
        let locator = TOMLKeyLocator(source: text)
        var decoder = ConfigDecoder(locator: locator)
        decoder.decode(root.tableEntries ?? [])
        var configuration = decoder.configuration
        var origins = decoder.origins
        var overrides = EnvironmentOverrides()
        overrides.apply(environment, to: &configuration, origins: &origins)
        let validator = ConfigValidator(configuration: configuration, origins: origins, locator: locator)
        let diagnostics = decoder.diagnostics + overrides.diagnostics + validator.diagnostics()
        return ConfigLoadResult(configuration: configuration, diagnostics: inReadingOrder(diagnostics))
    }

    /// File positions first, by line, as a user reads the file; then environment variables; then the rest.
    private static func inReadingOrder(_ diagnostics: [ConfigDiagnostic]) -> [ConfigDiagnostic] {
        func rank(_ diagnostic: ConfigDiagnostic) -> (Int, Int) {
            switch diagnostic.origin {
            case .line(let line), .lineColumn(let line, _): (0, line)
            case .environment, .file: (1, 0)
            case .unplaced: (2, 0)
            }
        }
        return diagnostics.enumerated().sorted { lhs, rhs in
            let (left, right) = (rank(lhs.element), rank(rhs.element))
            return left != right ? left < right : lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// Re-checks a configuration after command-line flags changed it; problems have no file position.
    public static func validate(_ configuration: SundialConfiguration) -> [ConfigDiagnostic] {
        ConfigValidator(configuration: configuration, origins: ValueOrigins(), locator: nil).diagnostics()
    }
}
