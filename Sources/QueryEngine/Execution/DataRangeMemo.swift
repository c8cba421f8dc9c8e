import Storage

/// When a policy holds data, asked once per statement: finding out walks every TSM index and cache entry, and a
/// query over 100 series groups would otherwise ask 100 times.
final class DataRangeMemo {
    private let engine: StorageEngine
    private let database: String
    private let policy: String?
    private var computed: ClosedRange<Int64>??

    init(engine: StorageEngine, database: String, policy: String?) {
        self.engine = engine
        self.database = database
        self.policy = policy
    }

    var value: ClosedRange<Int64>? {
        if let computed { return computed }
        let range = engine.dataTimeRange(database: database, retentionPolicy: policy)
        computed = .some(range)
        return range
    }
}
