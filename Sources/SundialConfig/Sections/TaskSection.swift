/// `[task]`: Kapacitor's task directory and snapshot cadence, and where alert logs may be written.
public struct TaskSection: Sendable, ConfigSection {
    public var directory = "./tasks"
    public var snapshotInterval = ConfigDuration.seconds(60)
    /// The directories `.log()` handlers may write in (Sundial's; Kapacitor lets them write anywhere). Empty: only
    /// `<data-dir>/alerts`.
    public var alertLogDirectories: [String] = []
    /// The programs (absolute paths) `.exec()` handlers may run (Sundial's; Kapacitor runs any). Empty: none.
    public var alertExecPrograms: [String] = []
    /// Who tasks act as on the embedded store when `[store] auth-enabled` is on (a user, or a token as password).
    public var storeUsername = ""
    public var storePassword = ""

    public init() {}

    func validate() -> [ConfigProblem] {
        alertExecPrograms.filter { !$0.hasPrefix("/") }.map {
            ConfigProblem(key: "alert-exec-programs", message: "\($0) is not an absolute path")
        }
    }

    static var keys: [ConfigKey<TaskSection>] {
        [
            .value("dir", \.directory), .value("snapshot-interval", \.snapshotInterval, support: .ignored()),
            .list("alert-log-directories", \.alertLogDirectories),
            .list("alert-exec-programs", \.alertExecPrograms),
            .value("store-username", \.storeUsername),
            .value("store-password", \.storePassword, isSecret: true),
        ]
    }
}
