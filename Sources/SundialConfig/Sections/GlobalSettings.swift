/// The keys at the top of the file, outside any section, as in `kapacitor.conf`.
public struct GlobalSettings: Sendable, ConfigSection {
    /// The name other servers use to reach this one (advertised in InfluxDB subscriptions).
    public var hostname = "localhost"
    /// Where every service keeps its state; `--data-dir` and `SUNDIAL_DATA_DIR` override it.
    public var dataDirectory = "./sundial-data"
    /// Start without applying the config API's stored overrides (they stay stored; the API still changes them).
    public var skipConfigOverrides = false
    /// Retention policy for Kapacitor writes that name none; empty means the database's default.
    public var defaultRetentionPolicy = ""

    public init() {}

    static var keys: [ConfigKey<GlobalSettings>] {
        [
            .value("hostname", \.hostname),
            .value("data_dir", \.dataDirectory),
            .value("skip-config-overrides", \.skipConfigOverrides),
            .value("default-retention-policy", \.defaultRetentionPolicy),
        ]
    }

    func validate() -> [ConfigProblem] {
        dataDirectory.isEmpty ? [ConfigProblem(key: "data_dir", message: "must not be empty")] : []
    }
}
