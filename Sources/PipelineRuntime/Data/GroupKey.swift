/// Which group data belongs to: Kapacitor's group id (`host=a,region=b`, prefixed by `<measurement>\n` when
/// grouped by measurement, empty when ungrouped) and the dimensions it was made from.
public struct GroupKey: Hashable, Sendable {
    public let id: String
    /// Tag names, sorted.
    public let dimensions: [String]
    public let byName: Bool

    public static let none = GroupKey(id: "", dimensions: [], byName: false)

    private init(id: String, dimensions: [String], byName: Bool) {
        self.id = id
        self.dimensions = dimensions
        self.byName = byName
    }

    /// The group of data named `name` with `tags`, grouped by `dimensions` (sorted here).
    init(name: String, tags: [String: String], dimensions: [String], byName: Bool) {
        let sorted = dimensions.sorted()
        var id = byName ? name : ""
        if byName && !sorted.isEmpty { id += "\n" }
        id += sorted.map { "\($0)=\(tags[$0] ?? "")" }.joined(separator: ",")
        self.init(id: id, dimensions: sorted, byName: byName)
    }

    /// `.Group` in alert templates: the id, or `nil` for the ungrouped group.
    var templateText: String { id.isEmpty ? "nil" : id }

    /// The tags of `tags` that make the group.
    func groupTags(of tags: [String: String]) -> [String: String] {
        var result: [String: String] = [:]
        for dimension in dimensions { result[dimension] = tags[dimension] ?? "" }
        return result
    }
}
