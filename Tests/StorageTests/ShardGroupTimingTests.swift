import Storage
import Testing

@Suite struct ShardGroupTimingTests {
    let day: Int64 = 86_400_000_000_000

    @Test func defaultDurationsFollowRetention() {
        #expect(ShardGroupTiming.defaultDuration(for: 0) == 7 * day)
        #expect(ShardGroupTiming.defaultDuration(for: 200 * day) == 7 * day)
        #expect(ShardGroupTiming.defaultDuration(for: 3 * day) == day)
        #expect(ShardGroupTiming.defaultDuration(for: day) == day / 24)
    }

    @Test func weekGroupsStartOnMondaysAsInfluxDBs() {
        // 1970-01-01 (a Thursday) falls in the group that starts Monday 1969-12-29.
        #expect(ShardGroupTiming.groupStart(for: 0, duration: 7 * day) == -3 * day)
        // 2026-01-01T00:00:00Z (a Thursday) → Monday 2025-12-29.
        #expect(ShardGroupTiming.groupStart(for: 1_767_225_600_000_000_000, duration: 7 * day) == 1_767_225_600_000_000_000 - 3 * day)
        #expect(ShardGroupTiming.groupStart(for: 5 * day + 7, duration: day) == 5 * day)
    }

    @Test func groupsAtTheEndsOfTimeAndHugeDurationsNeverTrap() {
        let weeks10000 = 10_000 * 7 * day
        #expect(ShardGroupTiming.groupStart(for: Int64.min + 2, duration: 7 * day) == Int64.min)
        #expect(ShardGroupTiming.groupStart(for: Int64.max - 1, duration: weeks10000) <= Int64.max - 1)
        #expect(ShardGroupTiming.groupStart(for: 0, duration: weeks10000) <= 0)
        #expect(ShardGroupTiming.groupStart(for: Int64.min + 2, duration: weeks10000) == Int64.min)
        #expect(ShardGroupTiming.groupStart(for: 1_767_225_600_000_000_000, duration: Int64.max) <= 1_767_225_600_000_000_000)
    }
}
