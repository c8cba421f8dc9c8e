/// The config API's overrides, in the order they were made, and how an update changes them (Kapacitor's config
/// service): a `set`/`delete` merges into the element's override, an `add` creates one for a new element, a `remove`
/// drops elements' overrides.
public struct ConfigOverrides: Sendable, Equatable {
    public private(set) var items: [ConfigOverride]

    public init(_ items: [ConfigOverride] = []) {
        self.items = items
    }

    /// The overrides of one section, in order.
    public func section(_ name: String) -> [ConfigOverride] { items.filter { $0.section == name } }

    /// Applies an update posted to `section` (and `element`, when the path named one).
    public mutating func update(
        _ action: ConfigUpdateAction, section: String, element: String, hasElement: Bool
    ) throws(ConfigOverrideError) {
        do {
            try action.check(section: section, element: element, hasElement: hasElement)
        } catch {
            throw ConfigOverrideError("invalid update action: \(error)")
        }
        guard let entry = SundialConfiguration.configAPISections.first(where: { $0.name == section }) else {
            guard SundialConfiguration.sections.contains(where: { $0.name == section }) else {
                throw ConfigOverrideError("unknown section \"\(section)\"")
            }
            throw ConfigOverrideError("section \"\(section)\" cannot be changed through the config API: edit the config file")
        }
        if !action.remove.isEmpty {
            let removed = Set(action.remove)
            items.removeAll { $0.section == section && removed.contains($0.element) }
        } else if !action.add.isEmpty {
            try add(action.add, to: section, elementKey: entry.elementKey)
        } else {
            let index = items.firstIndex { $0.section == section && $0.element == element }
            var override = index.map { items[$0] } ?? ConfigOverride(section: section, element: element, options: [:])
            override.options.merge(action.set) { _, new in new }
            for name in action.delete { override.options[name] = nil }
            if let index { items[index] = override } else { items.append(override) }
        }
    }

    private mutating func add(_ options: [String: ConfigJSON], to section: String, elementKey: String?) throws(ConfigOverrideError) {
        guard let elementKey else { throw ConfigOverrideError("section \"\(section)\" is not a list, cannot add new element") }
        guard let value = options[elementKey] else { throw ConfigOverrideError("missing key \"\(elementKey)\" in \"add\" map") }
        guard case .string(let element) = value else {
            throw ConfigOverrideError("expected \"\(elementKey)\" key to be a string, got \(value)")
        }
        if items.contains(where: { $0.section == section && $0.element == element }) {
            throw ConfigOverrideError("cannot add new override, override already exists for \(section)/\(element)")
        }
        items.append(ConfigOverride(section: section, element: element, options: options, isCreated: true))
    }
}
