/// The body of `POST /kapacitor/v1/config/<section>[/<element>]`: `set` and `delete` change options of one element,
/// `add` creates an element of a list section, `remove` drops the overrides of elements (created ones disappear, the
/// file's return to what the file says).
public struct ConfigUpdateAction: Sendable, Decodable, Equatable {
    public var set: [String: ConfigJSON] = [:]
    public var delete: [String] = []
    public var add: [String: ConfigJSON] = [:]
    public var remove: [String] = []

    public init(
        set: [String: ConfigJSON] = [:], delete: [String] = [], add: [String: ConfigJSON] = [:], remove: [String] = []
    ) {
        self.set = set
        self.delete = delete
        self.add = add
        self.remove = remove
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        set = try container.decodeIfPresent([String: ConfigJSON].self, forKey: .set) ?? [:]
        delete = try container.decodeIfPresent([String].self, forKey: .delete) ?? []
        add = try container.decodeIfPresent([String: ConfigJSON].self, forKey: .add) ?? [:]
        remove = try container.decodeIfPresent([String].self, forKey: .remove) ?? []
    }

    private enum CodingKeys: String, CodingKey {
        case set, delete, add, remove
    }

    /// Kapacitor's checks of an action against the path it was posted to; `hasElement` is whether the path named an
    /// element (`/config/slack/` names the empty one).
    func check(section: String, element: String, hasElement: Bool) throws(ConfigOverrideError) {
        guard !section.isEmpty else { throw ConfigOverrideError("must provide section name") }
        guard Self.isValidName(section) else { throw ConfigOverrideError("invalid section name \"\(section)\"") }
        if !element.isEmpty, !Self.isValidName(element) { throw ConfigOverrideError("invalid element name \"\(element)\"") }
        let changes = !set.isEmpty || !delete.isEmpty
        if changes, !add.isEmpty || !remove.isEmpty {
            throw ConfigOverrideError("cannot provide both set/delete and add/remove actions in the same update")
        }
        if !add.isEmpty, !element.isEmpty {
            throw ConfigOverrideError("must not provide an element name when adding an a new override")
        }
        if !remove.isEmpty, !element.isEmpty { throw ConfigOverrideError("must not provide element when removing an override") }
        if add.isEmpty, remove.isEmpty, !hasElement {
            throw ConfigOverrideError("element not specified, are you missing a trailing '/'?")
        }
    }

    /// Letters, digits, `_`, `-` and `+`, as Kapacitor's `^[-\w+]+$`.
    private static func isValidName(_ name: String) -> Bool {
        !name.isEmpty
            && name.unicodeScalars.allSatisfy {
                ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || "_-+".unicodeScalars.contains($0)
            }
    }
}
