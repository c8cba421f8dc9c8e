import Foundation
import TimeSeries

/// A batch query's `.cron()` schedule in Kapacitor's syntax (gorhill/cronexpr): `[seconds] minutes hours
/// day-of-month month day-of-week [year]` — five fields mean seconds 0 and any year, six any seconds-0 with a year —
/// with `*`, `?`, lists, ranges, steps, month and day names, `L` (last day of the month; `5L` the last Friday) and `#`
/// (`5#3` the third Friday), and `@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`, `@hourly`. When both day
/// fields are restricted, a day matching either runs, as in cron. Times are in the server's time zone, as Kapacitor's.
/// `W` (nearest weekday) is refused rather than ignored.
struct CronSchedule: Sendable {
    private let seconds: Set<Int>
    private let minutes: Set<Int>
    private let hours: Set<Int>
    private let days: DayRule
    private let months: Set<Int>
    private let years: Set<Int>
    private let zone: TimeZone

    private struct DayRule: Sendable {
        var ofMonth: Set<Int>
        var lastOfMonth = false
        var ofWeek: Set<Int>
        var lastWeekdays: Set<Int> = []
        var nthWeekdays: Set<[Int]> = []
        var monthRestricted: Bool
        var weekRestricted: Bool
    }

    struct ParseError: Error, Sendable, CustomStringConvertible {
        let description: String
    }

    private static let predefined = [
        "@yearly": "0 0 0 1 1 * *", "@annually": "0 0 0 1 1 * *", "@monthly": "0 0 0 1 * * *", "@weekly": "0 0 0 * * 0 *",
        "@daily": "0 0 0 * * * *", "@hourly": "0 0 * * * * *",
    ]
    private static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let dayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    init(_ expression: String, zone: TimeZone = .current) throws(ParseError) {
        let text = Self.predefined[expression.trimmingCharacters(in: .whitespaces).lowercased()] ?? expression
        var fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { String($0).lowercased() }
        switch fields.count {
        case 5: fields = ["0"] + fields + ["*"]
        case 6: fields = ["0"] + fields
        case 7: break
        default: throw ParseError(description: "invalid cron expression \(expression): expected 5 to 7 fields, got \(fields.count)")
        }
        seconds = try Self.values(fields[0], 0...59, names: [])
        minutes = try Self.values(fields[1], 0...59, names: [])
        hours = try Self.values(fields[2], 0...23, names: [])
        months = try Self.values(fields[4], 1...12, names: Self.monthNames, nameBase: 1)
        years = try Self.values(fields[6], 1970...2099, names: [])
        days = try Self.dayRule(ofMonth: fields[3], ofWeek: fields[5])
        self.zone = zone
    }

    /// The first time after `now` (nanoseconds) the schedule runs, at a whole second; nil when it never runs again.
    func next(after now: Int64) -> Int64? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var date = Date(timeIntervalSince1970: (Double(now.flooredSaturated(toMultipleOf: 1_000_000_000)) / 1e9).rounded(.down) + 1)
        for _ in 0..<200_000 {
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
            guard let year = parts.year, let month = parts.month, let day = parts.day, let hour = parts.hour, let minute = parts.minute,
                let second = parts.second, let weekday = parts.weekday
            else { return nil }
            if year > 2099 { return nil }
            let step: Calendar.Component?
            if !years.contains(year) {
                step = .year
            } else if !months.contains(month) {
                step = .month
            } else if !matches(day: day, weekday: weekday - 1, month: month, year: year, calendar: calendar) {
                step = .day
            } else if !hours.contains(hour) {
                step = .hour
            } else if !minutes.contains(minute) {
                step = .minute
            } else if !seconds.contains(second) {
                step = .second
            } else {
                return Int64(date.timeIntervalSince1970) * 1_000_000_000
            }
            guard let step, let advanced = Self.startOfNext(step, after: date, calendar: calendar) else { return nil }
            date = advanced
        }
        return nil
    }

    /// The start of the next year, month, day, hour, minute or second after `date`.
    private static func startOfNext(_ unit: Calendar.Component, after date: Date, calendar: Calendar) -> Date? {
        let finer: [Calendar.Component] = [.year, .month, .day, .hour, .minute, .second]
        guard let index = finer.firstIndex(of: unit) else { return nil }
        let kept = Set(finer.prefix(index + 1))
        var parts = calendar.dateComponents(kept, from: date)
        if unit != .year && unit != .month { parts.day = parts.day ?? 1 }
        guard let start = calendar.date(from: parts) else { return nil }
        return calendar.date(byAdding: unit, value: 1, to: start)
    }

    private func matches(day: Int, weekday: Int, month: Int, year: Int, calendar: Calendar) -> Bool {
        let first = calendar.date(from: DateComponents(year: year, month: month, day: 1))
        let length = first.flatMap { calendar.range(of: .day, in: .month, for: $0)?.count } ?? 31
        let byMonth = days.ofMonth.contains(day) || (days.lastOfMonth && day == length)
        let byWeek =
            days.ofWeek.contains(weekday) || (days.lastWeekdays.contains(weekday) && day + 7 > length)
            || days.nthWeekdays.contains([weekday, (day - 1) / 7 + 1])
        switch (days.monthRestricted, days.weekRestricted) {
        case (true, true): return byMonth || byWeek
        case (true, false): return byMonth
        case (false, true): return byWeek
        case (false, false): return true
        }
    }

    private static func dayRule(ofMonth: String, ofWeek: String) throws(ParseError) -> DayRule {
        if ofMonth.contains("w") {
            throw ParseError(description: "cron W (the nearest weekday) is not supported")
        }
        var rule = DayRule(
            ofMonth: [], ofWeek: [], monthRestricted: ofMonth != "*" && ofMonth != "?", weekRestricted: ofWeek != "*" && ofWeek != "?")
        for part in ofMonth.split(separator: ",") {
            if part == "l" { rule.lastOfMonth = true } else { rule.ofMonth.formUnion(try values(String(part), 1...31, names: [])) }
        }
        for part in ofWeek.split(separator: ",") {
            if part.hasSuffix("l"), part.count > 1 {
                rule.lastWeekdays.formUnion(try values(String(part.dropLast()), 0...7, names: dayNames).map { $0 % 7 })
            } else if let hash = part.firstIndex(of: "#") {
                let day = try values(String(part[..<hash]), 0...7, names: dayNames).map { $0 % 7 }
                guard let nth = Int(part[part.index(after: hash)...]), (1...5).contains(nth), day.count == 1 else {
                    throw ParseError(description: "invalid cron day of week \(part)")
                }
                rule.nthWeekdays.insert([day[0], nth])
            } else {
                rule.ofWeek.formUnion(try values(String(part), 0...7, names: dayNames).map { $0 % 7 })
            }
        }
        return rule
    }

    /// A field's values: `*`/`?`, `a`, `a-b`, `*/n`, `a/n`, `a-b/n`, comma-separated, names allowed where given.
    private static func values(_ field: String, _ range: ClosedRange<Int>, names: [String], nameBase: Int = 0) throws(ParseError) -> Set<
        Int
    > {
        var result: Set<Int> = []
        for part in field.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count <= 2 else { throw ParseError(description: "invalid cron field \(field)") }
            var step = 1
            if pieces.count == 2 {
                guard let given = Int(pieces[1]), given > 0, given <= range.count else {
                    throw ParseError(description: "invalid cron step in \(field)")
                }
                step = given
            }
            let span = pieces[0]
            var low = range.lowerBound
            var high = range.upperBound
            if span != "*" && span != "?" {
                let bounds = span.split(separator: "-", omittingEmptySubsequences: false)
                guard bounds.count <= 2, let first = number(bounds[0], names: names, base: nameBase) else {
                    throw ParseError(description: "invalid cron field \(field)")
                }
                low = first
                high = pieces.count == 2 && bounds.count == 1 ? range.upperBound : first
                if bounds.count == 2 {
                    guard let last = number(bounds[1], names: names, base: nameBase) else {
                        throw ParseError(description: "invalid cron field \(field)")
                    }
                    high = last
                }
            }
            guard range.contains(low), range.contains(high), low <= high else {
                throw ParseError(description: "cron field \(field) is out of range \(range.lowerBound)-\(range.upperBound)")
            }
            result.formUnion(stride(from: low, through: high, by: step))
        }
        return result
    }

    private static func number(_ text: Substring, names: [String], base: Int) -> Int? {
        if let value = Int(text) { return value }
        return names.firstIndex(of: String(text)).map { $0 + base }
    }
}
