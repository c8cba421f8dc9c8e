/// One change the config API made (Kapacitor's config overrides): options set on an element the file configures, or
/// a whole element the API created. The tasks service stores them and applies them over the file at every start.
public struct ConfigOverride: Sendable, Equatable, Codable {
    public var section: String
    /// The element key's value (`workspace`, `endpoint`) of the element changed; empty for a section of one element
    /// and for the default workspace. For a created element, its key's value in `options`.
    public var element: String
    public var options: [String: ConfigJSON]
    /// Whether the API created the element (Kapacitor's `add`) rather than changing one from the file.
    public var isCreated: Bool

    public init(section: String, element: String, options: [String: ConfigJSON], isCreated: Bool = false) {
        self.section = section
        self.element = element
        self.options = options
        self.isCreated = isCreated
    }

    /// Kapacitor's override id, `section/element` (`slack/`, `httppost/alerts`).
    public var id: String { section + "/" + element }
}

/// Why an update or an override cannot be applied, in Kapacitor's words where it has them.
public struct ConfigOverrideError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
