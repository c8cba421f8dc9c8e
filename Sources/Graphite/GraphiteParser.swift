public import TimeSeries

/// Graphite's plaintext protocol (`metric.path value [timestamp]`) turned into points as InfluxDB 1.8's graphite
/// service does: the template whose filter matches the path most specifically (a tree of dot-separated parts,
/// exact parts before `*`) names the measurement, field (`value` by default) and tags; the configured tags fill in
/// the rest; a timestamp is seconds (fractions too; `-1` or none is now) between 1901-12-13 and 2038-01-19.
public struct GraphiteParser: Sendable {
    private let root: FilterNode
    private let defaultTemplate: GraphiteTemplate
    private let tags: [(key: String, value: String)]

    /// `templates` as `[filter] template [tag=value,...]`; `tags` as `key=value`.
    public init(templates: [String] = [], tags: [String] = [], separator: String = ".") throws(GraphiteError) {
        var root = FilterNode()
        var fallback = try GraphiteTemplate("measurement*", separator: ".")
        for pattern in templates {
            let words = pattern.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard !words.isEmpty else { continue }
            var (filter, template) = ("", pattern)
            if words.count >= 2 {
                if words[1].contains("=") { template = words[0] } else { (filter, template) = (words[0], words[1]) }
            }
            if words.count == 1 { template = words[0] }
            let templateTags = words.count > 1 && words[words.count - 1].contains("=") ? Self.pairs(words[words.count - 1]) : []
            let parsed = try GraphiteTemplate(template, defaultTags: templateTags, separator: separator)
            if filter.isEmpty {
                fallback = parsed
            } else {
                root.insert(filter.split(separator: ".", omittingEmptySubsequences: false).map(String.init)[...], parsed)
            }
        }
        self.root = root
        defaultTemplate = fallback
        self.tags = tags.flatMap(Self.pairs)
    }

    private static func pairs(_ text: String) -> [(key: String, value: String)] {
        text.split(separator: ",").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
        }
    }

    static let earliest: Double = -2_147_472_000  // 1901-12-13T00:00:00Z
    static let latest: Double = 2_147_472_000  // 2038-01-19T00:00:00Z

    /// The point of one line; `now` (nanoseconds) when it has no timestamp.
    public func parse(_ line: String, now: Int64) throws(GraphiteError) -> Point {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
        guard fields.count == 2 || fields.count == 3 else { throw GraphiteError("received \"\(line)\" which doesn't have required fields") }
        let template =
            root.search(fields[0].split(separator: ".", omittingEmptySubsequences: false).map(String.init)[...]) ?? defaultTemplate
        var (measurement, tags, field) = try template.apply(fields[0])
        if measurement.isEmpty { measurement = fields[0] }
        guard let value = Double(fields[1]) else {
            throw GraphiteError("field \"\(fields[0])\" value: strconv.ParseFloat: parsing \"\(fields[1])\": invalid syntax")
        }
        guard value.isFinite else { throw GraphiteError("field \"\(fields[0])\" value: \(value) is unsupported") }
        var time = now
        if fields.count == 3 {
            guard let seconds = Double(fields[2]), !seconds.isNaN else {
                throw GraphiteError("field \"\(fields[0])\" time: strconv.ParseFloat: parsing \"\(fields[2])\": invalid syntax")
            }
            if seconds != -1 {
                guard seconds >= Self.earliest, seconds <= Self.latest else { throw GraphiteError("timestamp out of range") }
                let whole = seconds.rounded(.towardZero)
                time = Int64(whole) * 1_000_000_000 + Int64((seconds - seconds.rounded(.down)) * 1e9)
            }
        }
        for tag in self.tags where tags[tag.key] == nil { tags[tag.key] = tag.value }
        guard !measurement.isEmpty else { throw GraphiteError("missing measurement") }
        return Point(
            measurement: measurement, tags: tags.map { Tag($0.key, $0.value) }.filter { !$0.value.isEmpty },
            fields: [Field(field.isEmpty ? "value" : field, .float(value))], timestamp: time)
    }
}

/// The filters' tree: one level per dot-separated part, `*` matching any part and tried after an exact one.
struct FilterNode: Sendable {
    var children: [String: FilterNode] = [:]
    var template: GraphiteTemplate?

    mutating func insert(_ parts: ArraySlice<String>, _ template: GraphiteTemplate) {
        guard let first = parts.first else {
            self.template = template
            return
        }
        if children[first] == nil {
            var child = FilterNode()
            // A new `*` inherits the template of the node it hangs from, as InfluxDB's tree does.
            if first == "*" { child.template = self.template }
            children[first] = child
        }
        children[first]?.insert(parts.dropFirst(), template)
    }

    func search(_ parts: ArraySlice<String>) -> GraphiteTemplate? {
        guard let first = parts.first, !children.isEmpty else { return template }
        if let exact = children[first], first != "*" { return exact.search(parts.dropFirst()) }
        if let wildcard = children["*"] { return wildcard.search(parts.dropFirst()) }
        return template
    }
}
