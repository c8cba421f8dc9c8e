/// collectd's `types.db`: each type's data sources, by name (`load shortterm:GAUGE:0:5000, midterm:…`). A value
/// list's type must be listed with as many data sources as it has values, as collectd's Go library (which InfluxDB
/// uses) requires; others are dropped.
public struct CollectdTypes: Sendable {
    private var dataSources: [String: [String]] = [:]

    public init() {}

    /// Reads a `types.db` text; lines that are not `type name:KIND:min:max[, …]` are skipped, as collectd does.
    public init(parsing text: String) {
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard !trimmed.isEmpty, trimmed.first != "#" else { continue }
            let parts = trimmed.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count == 2 else { continue }
            let names = parts[1].split(separator: ",").compactMap { source -> String? in
                let fields = source.trimmingSpaces.split(separator: ":", omittingEmptySubsequences: false)
                guard fields.count == 4, !fields[0].isEmpty else { return nil }
                return String(fields[0])
            }
            guard !names.isEmpty else { continue }
            dataSources[String(parts[0])] = names
        }
    }

    /// Adds the types of another file (a later file's type replaces an earlier one's).
    public mutating func merge(_ other: CollectdTypes) {
        dataSources.merge(other.dataSources) { _, new in new }
    }

    public func dataSources(of type: String) -> [String]? { dataSources[type] }

    public var isEmpty: Bool { dataSources.isEmpty }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}
