import Foundation
import Testing

@testable import PipelineRuntime

/// `.cron()` schedules in Kapacitor's syntax (gorhill/cronexpr), from Monday 2026-12-07 17:15:00 UTC.
struct CronScheduleTests {
    private static let monday: Int64 = 1_796_663_700

    private func next(_ expression: String, after seconds: Int64 = monday) throws -> Int64? {
        try CronSchedule(expression, zone: TimeZone(identifier: "UTC")!).next(after: seconds * 1_000_000_000).map { $0 / 1_000_000_000 }
    }

    @Test func fieldsStepsAndNames() throws {
        #expect(try next("*/2 * * * * * *", after: 0) == 2)
        #expect(try next("*/15 * * * *") == 1_796_664_600, "five fields: minutes to days of the week")
        #expect(try next("@daily") == 1_796_688_000)
        #expect(try next("0 0 12 ? * MON-FRI *") == 1_796_731_200)
        #expect(try next("0 0 0 1 jan ? 2030") == 1_893_456_000)
        #expect(try next("0 0 1 1 * 2030") == 1_893_456_000, "six fields: a year at the end, seconds 0")
        #expect(try next("0 0 0 1 1 * 2000") == nil, "never again")
    }

    @Test func lastsNthsAndEitherDayField() throws {
        #expect(try next("0 0 0 L * ? *") == 1_798_675_200)
        #expect(try next("0 0 0 ? * 5L *") == 1_798_156_800)
        #expect(try next("0 0 0 ? * 5#3 *") == 1_797_552_000)
        #expect(try next("0 0 0 29 2 ? *") == 1_835_395_200, "the next leap day")
        #expect(try next("0 0 0 13 * FRI *") == 1_796_947_200, "the 13th or a Friday, whichever comes first")
    }

    @Test func mistakesAreRefused() {
        for expression in ["* * *", "61 * * * * * *", "0 0 0 15W * ? *", "0 0 0 * * 9 *", "*/0 * * * *", "0 0 0 5-1 * ? *", "a b c d e"] {
            #expect(throws: CronSchedule.ParseError.self, "\(expression)") { try CronSchedule(expression) }
        }
    }
}
