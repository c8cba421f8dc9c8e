/// The `[logging] level` values; Kapacitor writes them upper-case (`"INFO"`), Chronograf lower-case, so case is ignored.
public enum LogLevelSetting: String, Sendable, CaseIterable {
    case debug, info, warn, error, off

    public init?(parsing text: String) {
        let lowered = text.lowercased()
        self.init(rawValue: lowered == "warning" ? "warn" : lowered)
    }
}
