/// `[task]`: Kapacitor's task directory and snapshot cadence, and where alert logs may be written.
public struct TaskSection: Sendable, ConfigSection {
    public var directory = "./tasks"
    public var snapshotInterval = ConfigDuration.seconds(60)
    /// The directories `.log()` handlers may write in (Sundial's; Kapacitor lets them write anywhere). Empty: only
    /// `<data-dir>/alerts`.
    public var alertLogDirectories: [String] = []

    public init() {}

    static var keys: [ConfigKey<TaskSection>] {
        [
            .value("dir", \.directory), .value("snapshot-interval", \.snapshotInterval, support: .ignored()),
            .list("alert-log-directories", \.alertLogDirectories),
        ]
    }
}
