import TimeSeries

/// A retention policy: how long its data lives and how its time is cut into shard groups.
public struct RetentionPolicyInfo: Sendable, Codable, Equatable {
    public var name: String
    /// Nanoseconds data is kept; 0 keeps it forever.
    public var duration: Int64
    /// Nanoseconds each shard group spans.
    public var shardGroupDuration: Int64
    public var replicaN: Int
    public var shardGroups: [ShardGroupInfo]
    /// Where accepted writes to this policy are copied (`CREATE SUBSCRIPTION`).
    public var subscriptions: [SubscriptionInfo] = []
    /// Distinguishes a policy from an earlier one of the same name that was dropped; write records in the WAL carry
    /// it, so replay never gives a recreated policy the dropped one's points. Set by the engine when the policy is
    /// stored; 0 in `meta.json` files from before it existed (their WAL records carry 0 too).
    public var incarnation = 0

    public init(name: String, duration: Int64 = 0, shardGroupDuration: Int64? = nil, replicaN: Int = 1) {
        self.name = name
        self.duration = duration
        self.shardGroupDuration =
            shardGroupDuration.map { max($0, ShardGroupTiming.hour) } ?? ShardGroupTiming.defaultDuration(for: duration)
        self.replicaN = replicaN
        self.shardGroups = []
    }

    private enum CodingKeys: String, CodingKey {
        case name, duration, shardGroupDuration, replicaN, shardGroups, subscriptions, incarnation
    }

    /// Reads `meta.json` of every version; files from before subscriptions have none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        duration = try container.decode(Int64.self, forKey: .duration)
        shardGroupDuration = try container.decode(Int64.self, forKey: .shardGroupDuration)
        replicaN = try container.decode(Int.self, forKey: .replicaN)
        shardGroups = try container.decode([ShardGroupInfo].self, forKey: .shardGroups)
        subscriptions = try container.decodeIfPresent([SubscriptionInfo].self, forKey: .subscriptions) ?? []
        incarnation = try container.decodeIfPresent(Int.self, forKey: .incarnation) ?? 0
    }

    /// The group holding `timestamp`, if one exists.
    func group(containing timestamp: Int64) -> ShardGroupInfo? {
        shardGroups.first { $0.start <= timestamp && timestamp < $0.end }
    }
}

/// A subscription: copies of every accepted write to the policy go to its destinations.
public struct SubscriptionInfo: Sendable, Codable, Equatable {
    public enum Mode: String, Sendable, Codable {
        case all = "ALL"
        case any = "ANY"
    }

    public var name: String
    public var mode: Mode
    /// `http://`, `https://` or `udp://` URLs with a port; user info in them is sent as Basic auth.
    public var destinations: [String]

    public init(name: String, mode: Mode, destinations: [String]) {
        self.name = name
        self.mode = mode
        self.destinations = destinations
    }
}

/// One time range of a retention policy and the shard that stores it (one shard per group on a single node).
public struct ShardGroupInfo: Sendable, Codable, Equatable {
    public var id: Int
    /// Nanoseconds; the group holds start ..< end.
    public var start: Int64
    public var end: Int64
    public var shardID: Int
}

/// InfluxDB's rules for shard group length and alignment.
public enum ShardGroupTiming {
    static let hour: Int64 = 3_600_000_000_000
    static let day: Int64 = 24 * hour
    /// Seconds from Go's zero time (0001-01-01T00:00:00Z, a Monday) to the Unix epoch; groups align to the former.
    static let goZeroTimeOffsetSeconds: Int64 = 62_135_596_800

    /// 0 (infinite) or at least 180 days → 7 days; at least 2 days → 1 day; otherwise 1 hour.
    public static func defaultDuration(for retention: Int64) -> Int64 {
        if retention == 0 || retention >= 180 * day { return 7 * day }
        if retention >= 2 * day { return day }
        return hour
    }

    /// The start of the group of length `duration` (positive) that holds `timestamp`: Go's `Truncate`, counted from
    /// Go's zero time. A group that would start before the earliest Int64 time starts there, for any duration and
    /// time a client can send (`SHARD DURATION 10000w`, a point at the earliest storable time).
    public static func groupStart(for timestamp: Int64, duration: Int64) -> Int64 {
        let seconds = duration / 1_000_000_000
        let offset = seconds > 0 ? (goZeroTimeOffsetSeconds % seconds) * 1_000_000_000 : 0
        // (timestamp + offset) modulo duration, from two remainders each below `duration`: their sum fits a UInt64.
        let sum = UInt64(floorRemainder(timestamp, duration)) + UInt64(floorRemainder(offset, duration))
        let remainder = Int64(sum % UInt64(duration))
        return timestamp.subtractingSaturated(remainder)
    }

    /// `value` modulo `divisor` in `0..<divisor`.
    private static func floorRemainder(_ value: Int64, _ divisor: Int64) -> Int64 {
        let remainder = value % divisor
        return remainder < 0 ? remainder + divisor : remainder
    }
}
