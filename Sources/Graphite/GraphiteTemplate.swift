/// A Graphite template (`region.host.measurement*`): which dot-separated parts of a metric path are the
/// measurement, the field, tags, or skipped, as InfluxDB 1.8's graphite service applies them.
public struct GraphiteTemplate: Sendable {
    let parts: [String]
    let defaultTags: [(key: String, value: String)]
    let separator: String

    /// Fails, as InfluxDB does, when no part names the measurement.
    public init(_ pattern: String, defaultTags: [(key: String, value: String)] = [], separator: String = ".") throws(GraphiteError) {
        parts = pattern.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.contains(where: { $0.hasPrefix("measurement") }) else {
            throw GraphiteError("no measurement specified for template. \"\(pattern)\"")
        }
        self.defaultTags = defaultTags
        self.separator = separator
    }

    /// The measurement, tags and field a metric path gives (an empty measurement: use the whole path).
    func apply(_ path: String) throws(GraphiteError) -> (measurement: String, tags: [String: String], field: String) {
        let fields = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var measurement: [String] = []
        var tags: [String: [String]] = [:]
        var field = ""
        for tag in defaultTags { tags[tag.key, default: []].append(tag.value) }
        if parts.contains("field*") && parts.contains("measurement*") {
            throw GraphiteError(
                "either 'field*' or 'measurement*' can be used in each template (but not both together): \"\(parts.joined(separator: separator))\""
            )
        }
        for (index, part) in parts.enumerated() where index < fields.count {
            switch part {
            case "measurement": measurement.append(fields[index])
            case "field":
                guard field.isEmpty else { throw GraphiteError("'field' can only be used once in each template: \"\(path)\"") }
                field = fields[index]
            case "field*":
                field = fields[index...].joined(separator: separator)
            case "measurement*":
                measurement += fields[index...]
            case "": break
            default: tags[part, default: []].append(fields[index])
            }
            if part == "field*" || part == "measurement*" { break }
        }
        return (measurement.joined(separator: separator), tags.mapValues { $0.joined(separator: separator) }, field)
    }
}

/// A line or a template that cannot be used, in InfluxDB's words.
public struct GraphiteError: Error, Equatable, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
