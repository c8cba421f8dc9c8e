import Synchronization

/// One statistic as InfluxDB reports it in `SHOW STATS` and `/debug/vars`: a module name (`httpd`, `write`,
/// `database`, `cq`, …), tags saying which one (`{"database":"db"}`), and counters or gauges by name.
public struct Statistic: Sendable, Equatable {
    public var name: String
    public var tags: [String: String]
    public var values: [String: Int64]
    /// The key `/debug/vars` files it under (`database:db`, `httpd:127.0.0.1:8086`); the name when it has no tags.
    public var key: String

    public init(name: String, tags: [String: String] = [:], values: [String: Int64], key: String? = nil) {
        self.name = name
        self.tags = tags
        self.values = values
        self.key = key ?? name
    }
}

/// The store's statistics: counters the store, its HTTP service, the query executor and the continuous querier keep,
/// and providers that compute the rest when asked (series and measurement counts, shard sizes). One per
/// `StorageEngine` (`engine.statistics`), so every part that has the engine reports into the same place.
public final class StoreStatistics: Sendable {
    /// A group of counters under one statistic, incremented from any thread.
    public final class Counters: Sendable {
        public let name: String
        public let tags: [String: String]
        private let values: Mutex<[String: Int64]>

        init(name: String, tags: [String: String], names: [String]) {
            self.name = name
            self.tags = tags
            values = Mutex(Dictionary(uniqueKeysWithValues: names.map { ($0, 0) }))
        }

        public func add(_ amount: Int64, to counter: String) {
            values.withLock { $0[counter, default: 0] &+= amount }
        }

        public func increment(_ counter: String) { add(1, to: counter) }

        var snapshot: [String: Int64] { values.withLock { $0 } }
    }

    private let counters = Mutex<[(key: String, counters: Counters)]>([])
    private let providers = Mutex<[@Sendable () -> [Statistic]]>([])

    init() {}

    /// The counters filed under `key` (made with every name at 0 the first time).
    public func counters(_ name: String, tags: [String: String] = [:], key: String? = nil, names: [String]) -> Counters {
        let key = key ?? name
        return counters.withLock { list in
            if let existing = list.first(where: { $0.key == key }) { return existing.counters }
            let made = Counters(name: name, tags: tags, names: names)
            list.append((key, made))
            return made
        }
    }

    /// Adds statistics computed when they are read.
    public func addProvider(_ provider: @escaping @Sendable () -> [Statistic]) {
        providers.withLock { $0.append(provider) }
    }

    /// Every statistic, counters first in the order they were made, then the providers'.
    public func all() -> [Statistic] {
        let kept = counters.withLock { $0 }.map { Statistic(name: $1.name, tags: $1.tags, values: $1.snapshot, key: $0) }
        return kept + providers.withLock { $0 }.flatMap { $0() }
    }
}
