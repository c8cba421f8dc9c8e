import Synchronization

/// Kapacitor's inhibitors, across every task: an alert node with `.inhibit(category, tags…)` registers one per
/// alert group, raised while that group is not OK; an event of that category whose tags equal the group's on those
/// tags is then inhibited (counted in `alerts_inhibited`, neither published nor sent).
public final class InhibitorRegistry: Sendable {
    public final class Inhibitor: Sendable {
        let category: String
        let tags: [String: String]
        private let raised = Atomic<Bool>(false)

        init(category: String, tags: [String: String]) {
            self.category = category
            self.tags = tags
        }

        /// Raised while the group that owns it is not OK.
        public func set(_ isRaised: Bool) { raised.store(isRaised, ordering: .releasing) }

        func inhibits(category: String, tags: [String: String]) -> Bool {
            guard raised.load(ordering: .acquiring), category == self.category else { return false }
            return self.tags.allSatisfy { tags[$0.key] == $0.value }
        }
    }

    private let byCategory = Mutex<[String: [Inhibitor]]>([:])

    public init() {}

    /// A new inhibitor of `category` for a group whose tags are `tags` (only those named by `.inhibit()`).
    public func add(category: String, tags: [String: String]) -> Inhibitor {
        let inhibitor = Inhibitor(category: category, tags: tags)
        byCategory.withLock { $0[category, default: []].append(inhibitor) }
        return inhibitor
    }

    /// Forgets the inhibitors a stopped task registered.
    public func remove(_ inhibitors: [Inhibitor]) {
        let removed = Set(inhibitors.map(ObjectIdentifier.init))
        byCategory.withLock { all in
            for category in Set(inhibitors.map(\.category)) {
                all[category]?.removeAll { removed.contains(ObjectIdentifier($0)) }
                if all[category]?.isEmpty == true { all[category] = nil }
            }
        }
    }

    /// Whether an event of `category` with `tags` is inhibited; events without a category never are.
    public func isInhibited(category: String, tags: [String: String]) -> Bool {
        guard !category.isEmpty else { return false }
        let candidates = byCategory.withLock { $0[category] ?? [] }
        return candidates.contains { $0.inhibits(category: category, tags: tags) }
    }
}
