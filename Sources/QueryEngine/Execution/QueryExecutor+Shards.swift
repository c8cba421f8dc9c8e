import Storage
import TimeSeries

/// `SHOW SHARDS` and `SHOW SHARD GROUPS`, with InfluxDB's shapes: times in RFC 3339 seconds, expiry = end + the
/// policy's duration, shards owned by no other node (one node).
extension QueryExecutor {
    func showShards() -> [ResultSeries] {
        engine.databaseNames.compactMap { engine.databaseInfo($0) }.map { database in
            let rows = database.retentionPolicies.flatMap { policy in
                policy.shardGroups.sorted { $0.id < $1.id }.map { group -> [ResultValue] in
                    [
                        .integer(Int64(group.shardID)), .string(database.name), .string(policy.name), .integer(Int64(group.id)),
                        .string(Self.secondsTime(group.start)), .string(Self.secondsTime(group.end)),
                        .string(Self.secondsTime(group.end + policy.duration)), .string(""),
                    ]
                }
            }
            return ResultSeries(
                name: database.name,
                columns: ["id", "database", "retention_policy", "shard_group", "start_time", "end_time", "expiry_time", "owners"],
                values: rows)
        }
    }

    func showShardGroups() -> [ResultSeries] {
        let rows = engine.databaseNames.compactMap { engine.databaseInfo($0) }.flatMap { database in
            database.retentionPolicies.flatMap { policy in
                policy.shardGroups.sorted { $0.id < $1.id }.map { group -> [ResultValue] in
                    [
                        .integer(Int64(group.id)), .string(database.name), .string(policy.name), .string(Self.secondsTime(group.start)),
                        .string(Self.secondsTime(group.end)), .string(Self.secondsTime(group.end + policy.duration)),
                    ]
                }
            }
        }
        return [
            ResultSeries(
                name: "shard groups", columns: ["id", "database", "retention_policy", "start_time", "end_time", "expiry_time"],
                values: rows)
        ]
    }

    /// Go's `time.RFC3339` in UTC: whole seconds.
    private static func secondsTime(_ nanoseconds: Int64) -> String {
        let seconds = nanoseconds >= 0 ? nanoseconds / 1_000_000_000 : (nanoseconds + 1) / 1_000_000_000 - 1
        return RFC3339.format(seconds: seconds)
    }
}
