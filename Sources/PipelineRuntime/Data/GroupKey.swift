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
        self.init(name: name, tags: tags, sortedDimensions: dimensions.sorted(), byName: byName)
    }

    /// The same, for dimensions already sorted (a node's fixed `groupBy`): no sort and no array per point.
    init(name: String, tags: [String: String], sortedDimensions: [String], byName: Bool) {
        var id = byName ? name : ""
        if byName && !sortedDimensions.isEmpty { id += "\n" }
        for (index, dimension) in sortedDimensions.enumerated() {
            if index > 0 { id += "," }
            id += dimension
            id += "="
            id += tags[dimension] ?? ""
        }
        self.init(id: id, dimensions: sortedDimensions, byName: byName)
    }

    // The id names the dimensions, so it and `byName` decide equality; hashing skips the dimension list.
    public static func == (lhs: GroupKey, rhs: GroupKey) -> Bool { lhs.id == rhs.id && lhs.byName == rhs.byName }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(byName)
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
