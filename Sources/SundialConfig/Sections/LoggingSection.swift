/// `[logging]`: where log lines go and how many. An empty file or `"STDERR"` means standard error.
public struct LoggingSection: Sendable, ConfigSection {
    public var file = "STDERR"
    public var level = LogLevelSetting.info

    public init() {}

    static var keys: [ConfigKey<LoggingSection>] {
        [.value("file", \.file), .value("level", \.level)]
    }
}
