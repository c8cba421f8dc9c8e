/// What loading produced: the configuration (defaults wherever the input was unusable) and every diagnostic.
public struct ConfigLoadResult: Sendable {
    public var configuration: SundialConfiguration
    public var diagnostics: [ConfigDiagnostic]

    public var errors: [ConfigDiagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [ConfigDiagnostic] { diagnostics.filter { $0.severity == .warning } }
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
