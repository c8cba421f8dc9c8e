import Foundation
import HTTPTypes
import QueryEngine
import TimeSeries

/// A Chronograf annotation: a span of time with text, a colour and the user's tags, drawn on graphs.
struct Annotation: Equatable {
    var id: String
    /// Nanoseconds since the epoch.
    var startTime: Int64
    var endTime: Int64
    var text: String
    var color: String
    var tags: [String: String]

    /// Names the stored point uses for itself, so no user tag may take them (Chronograf's list).
    static let reservedTagKeys: Set<String> = [
        "deleted", "start_time", "startTime", "end_time", "endTime", "modified_time_ns", "text", "color", "type", "id",
    ]

    /// Chronograf's 400 for the first reserved key among `tags`.
    static func checkTags(_ tags: [String: String]) throws {
        if let key = tags.keys.sorted().first(where: reservedTagKeys.contains) {
            throw ChronografError(.badRequest, "Cannot use \"\(key)\" as tag key")
        }
    }

    /// Chronograf's JSON: times in UTC to the millisecond, `tags` always an object, the `self` link.
    func document(source: Int64) -> [String: Any] {
        [
            "id": id, "startTime": Self.format(startTime), "endTime": Self.format(endTime), "text": text, "color": color,
            "tags": tags, "links": ["self": "/chronograf/v1/sources/\(source)/annotations/\(id)"],
        ]
    }

    /// Go's `2006-01-02T15:04:05.999Z07:00` in UTC: milliseconds, truncated, trailing zeros dropped.
    /// A time from the source may be any Int64 (flooring the earliest ones to the millisecond would overflow).
    static func format(_ nanoseconds: Int64) -> String {
        RFC3339.format(nanoseconds: nanoseconds.flooredSaturated(toMultipleOf: 1_000_000))
    }

    /// A time in that layout as Go's parser reads it: `T`, seconds, an optional fraction and a zone (`Z` or
    /// `±hh:mm`) are required; nil when it is something else or lies outside what nanoseconds since 1970 can hold.
    static func parse(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes[10] == UInt8(ascii: "T") else { return nil }
        let hasZone =
            bytes.last == UInt8(ascii: "Z")
            || (bytes.count >= 25 && [UInt8(ascii: "+"), UInt8(ascii: "-")].contains(bytes[bytes.count - 6])
                && bytes[bytes.count - 3] == UInt8(ascii: ":"))
        guard hasZone else { return nil }
        return RFC3339.parse(text)?.nanoseconds
    }
}
