/// `[storage]`: Kapacitor's BoltDB path. Accepted so an existing `kapacitor.conf` loads; Sundial keeps task
/// state in SQLite under `data_dir` and does not open this file.
public struct StorageSection: Sendable, ConfigSection {
    public var boltDB = "./kapacitor.db"

    public init() {}

    static var keys: [ConfigKey<StorageSection>] {
        [.value("boltdb", \.boltDB, support: .ignored("Sundial keeps its state in SQLite files in the data directory"))]
    }
}
