/// `[config-override]`: whether the config API (`/kapacitor/v1/config`) answers at all. Off, it refuses every call
/// with Kapacitor's 403, and the stored overrides are still applied at start (`skip-config-overrides` stops that).
public struct ConfigOverrideSection: Sendable, ConfigSection {
    public var enabled = true

    public init() {}

    static var keys: [ConfigKey<ConfigOverrideSection>] { [.value("enabled", \.enabled)] }
}
