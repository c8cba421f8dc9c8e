import Foundation
import HTTPTypes

/// Annotation bodies as Chronograf reads them. Anything it cannot read (a missing or malformed time, a field of the
/// wrong type, a change with neither time nor text) is its 400 `Unparsable JSON`; a reserved tag key its own 400.
enum AnnotationRequest {
    /// `startTime` and `endTime` (both required, swapped when reversed), `text`, `color`, `tags`.
    static func new(_ body: [String: Any]) throws -> Annotation {
        guard var start = try time(body["startTime"]), var end = try time(body["endTime"]) else { throw unparsable }
        if start > end { swap(&start, &end) }
        let annotation = Annotation(
            id: "", startTime: start, endTime: end, text: try string(body["text"]) ?? "", color: try string(body["color"]) ?? "",
            tags: try tags(body["tags"]) ?? [:])
        try Annotation.checkTags(annotation.tags)
        return annotation
    }

    /// What the body sets, over `current`: at least one of `startTime`, `endTime` and `text`, and an end not before
    /// the start when both are given.
    static func change(_ current: Annotation, by body: [String: Any]) throws -> Annotation {
        let start = try time(body["startTime"])
        let end = try time(body["endTime"])
        let text = try string(body["text"])
        guard start != nil || end != nil || text != nil else { throw unparsable }
        if let start, let end, start > end { throw unparsable }
        var changed = current
        if let start { changed.startTime = start }
        if let end { changed.endTime = end }
        if let text { changed.text = text }
        if let color = try string(body["color"]) { changed.color = color }
        if let tags = try tags(body["tags"]) {
            try Annotation.checkTags(tags)
            changed.tags = tags
        }
        return changed
    }

    private static let unparsable = ChronografError(.badRequest, "Unparsable JSON")

    private static func time(_ value: Any?) throws -> Int64? {
        guard let value, !(value is NSNull) else { return nil }
        guard let text = value as? String, let nanoseconds = Annotation.parse(text) else { throw unparsable }
        return nanoseconds
    }

    private static func string(_ value: Any?) throws -> String? {
        guard let value, !(value is NSNull) else { return nil }
        guard let text = value as? String else { throw unparsable }
        return text
    }

    private static func tags(_ value: Any?) throws -> [String: String]? {
        guard let value, !(value is NSNull) else { return nil }
        guard let tags = value as? [String: String] else { throw unparsable }
        return tags
    }
}
