/// `[task]`: Kapacitor's task directory and snapshot cadence.
public struct TaskSection: Sendable, ConfigSection {
    public var directory = "./tasks"
    public var snapshotInterval = ConfigDuration.seconds(60)

    public init() {}

    static var keys: [ConfigKey<TaskSection>] {
        [.value("dir", \.directory), .value("snapshot-interval", \.snapshotInterval, support: .ignored())]
    }
}
