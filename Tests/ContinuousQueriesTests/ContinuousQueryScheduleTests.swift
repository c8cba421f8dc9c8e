import Foundation
import Testing

@testable import ContinuousQueries

/// The schedule against the examples of InfluxDB 1.8's documentation ("Continuous Queries", basic and advanced
/// syntax) and its code's rules, on a test clock.
@Suite struct ContinuousQueryScheduleTests {
    static let minute: Int64 = 60_000_000_000
    static let hour = 60 * minute
    /// 2020-01-01T00:00:00Z.
    static let day0: Int64 = 1_577_836_800_000_000_000
    static func at(_ hours: Int64, _ minutes: Int64 = 0, _ nanoseconds: Int64 = 0) -> Int64 {
        day0 + hours * hour + minutes * minute + nanoseconds
    }

    @Test func aFirstRunOnlyRemembersTheTimeAndTheNextComputesTheLastWholeInterval() {
        let schedule = ContinuousQuerySchedule(interval: Self.hour)
        #expect(schedule.run(at: Self.at(10, 30), lastRun: nil) == .init(lastRun: Self.at(10), range: nil))
        #expect(schedule.run(at: Self.at(10, 59, 999_999_999), lastRun: Self.at(10)) == nil)
        #expect(schedule.run(at: Self.at(11, 0, 5), lastRun: Self.at(10)) == .init(lastRun: Self.at(11), range: Self.at(10)..<Self.at(11)))
    }

    @Test func resampleForRecomputesEarlierIntervals() {
        // RESAMPLE FOR 1h with GROUP BY time(30m): at 8:00 the range is [7:00, 8:00).
        let schedule = ContinuousQuerySchedule(interval: 30 * Self.minute, resampleFor: Self.hour)
        #expect(schedule.run(at: Self.at(8), lastRun: Self.at(7, 30))?.range == Self.at(7)..<Self.at(8))
    }

    @Test func resampleEveryLongerThanTheIntervalCoversEveryIntervalSinceTheLastRun() {
        // RESAMPLE EVERY 1h with GROUP BY time(30m): at 8:00 the range is [7:00, 8:00); not due at 7:30.
        let schedule = ContinuousQuerySchedule(interval: 30 * Self.minute, resampleEvery: Self.hour)
        #expect(schedule.run(at: Self.at(7, 30), lastRun: Self.at(7)) == nil)
        #expect(schedule.run(at: Self.at(8), lastRun: Self.at(7)) == .init(lastRun: Self.at(8), range: Self.at(7)..<Self.at(8)))
    }

    @Test func resampleEveryShorterThanTheIntervalIncludesTheCurrentOne() {
        // RESAMPLE EVERY 30m FOR 2h with GROUP BY time(1h): at 11:30 the range is [10:00, 12:00).
        let schedule = ContinuousQuerySchedule(interval: Self.hour, resampleEvery: 30 * Self.minute, resampleFor: 2 * Self.hour)
        #expect(
            schedule.run(at: Self.at(11, 30), lastRun: Self.at(11)) == .init(lastRun: Self.at(11, 30), range: Self.at(10)..<Self.at(12)))
        #expect(schedule.run(at: Self.at(11), lastRun: Self.at(10, 30))?.range == Self.at(9)..<Self.at(11))
    }

    @Test func aGroupByOffsetShiftsRunsAndRanges() {
        let schedule = ContinuousQuerySchedule(interval: Self.hour, offset: 15 * Self.minute)
        #expect(schedule.run(at: Self.at(11, 10), lastRun: Self.at(10, 15)) == nil)
        #expect(
            schedule.run(at: Self.at(11, 15), lastRun: Self.at(10, 15))
                == .init(lastRun: Self.at(11, 15), range: Self.at(10, 15)..<Self.at(11, 15)))
    }

    @Test func aZonedDailyQueryRunsAtLocalMidnightAcrossADaylightSavingChange() throws {
        let chicago = try #require(TimeZone(identifier: "America/Chicago"))
        let schedule = ContinuousQuerySchedule(interval: 24 * Self.hour, zone: chicago)
        // 2021-03-14T00:00 CST is 06:00Z; that day has 23 hours, so the next local midnight is 2021-03-15T05:00Z.
        let march14 = Int64(1_615_701_600) * 1_000_000_000
        let march15 = march14 + 23 * Self.hour
        #expect(schedule.run(at: march15 - 1, lastRun: march14) == nil)
        let run = try #require(schedule.run(at: march15 + Self.minute, lastRun: march14))
        #expect(run.lastRun == march15)
        #expect(run.range == march14..<march15)
    }

    @Test func timesAtTheEndsOfTheRangeNeverTrap() {
        let schedule = ContinuousQuerySchedule(
            interval: Int64.max, offset: Int64.min + 1, resampleEvery: Int64.max, resampleFor: Int64.max)
        for now in [Int64.min, -1, 0, Int64.max] {
            for last in [nil, Int64.min, Int64.max] { _ = schedule.run(at: now, lastRun: last) }
        }
        #expect(ContinuousQuerySchedule(interval: 0).run(at: 0, lastRun: nil) == nil)
    }
}
