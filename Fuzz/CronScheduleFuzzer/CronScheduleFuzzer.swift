import Foundation
import FuzzSupport

@testable import PipelineRuntime

/// A batch query's `.cron()` expression, as a task's script gives it: parsing it and asking its next run from a few
/// times (the epoch, now, far before and after) never trap or loop without end.
public func cronScheduleFuzzer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0, size < 512 else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let schedule = try? CronSchedule(text, zone: TimeZone(identifier: "UTC")!) else { return 0 }
    for start in [Int64.min, -1, 0, 1_796_663_700_000_000_000, Int64.max] { _ = schedule.next(after: start) }
    return 0
}

@main
enum CronScheduleFuzzerMain {
    static func main() { FuzzDriver.run { cronScheduleFuzzer($0, $1) } }
}
