/// One key of a config section: its TOML name, the property it sets, and how to read and print it.
///
/// Sections list their keys explicitly (no reflection), so the set of known keys, their types and which of them
/// are secret is visible in one place per section.
struct ConfigKey<Section> {
    let name: String
    /// Secrets (passwords, tokens, shared secrets) are masked when the configuration is printed.
    let isSecret: Bool
    let expectation: String
    /// Sets the property from a TOML value; false when the value has the wrong type or form.
    let assign: (TOMLNode, inout Section) -> Bool
    /// Sets the property from an environment variable's text; false when the text does not parse.
    let assignFromEnvironment: (String, inout Section) -> Bool
    /// Sets one element of a list (`KAPACITOR_INFLUXDB_0_URLS_1`); nil for keys that are not lists.
    let assignElementFromEnvironment: ((Int, String, inout Section) -> ElementAssignment)?
    let literal: (Section) -> String

    enum ElementAssignment {
        case assigned
        /// The index is past the end of the list plus one: Kapacitor only sets elements that exist.
        case indexOutOfRange(count: Int)
    }

    static func value<V: ConfigValue>(
        _ name: String,
        _ property: WritableKeyPath<Section, V>,
        isSecret: Bool = false
    ) -> ConfigKey {
        ConfigKey(
            name: name,
            isSecret: isSecret,
            expectation: V.expectation,
            assign: { node, section in
                guard let value = V(toml: node) else { return false }
                section[keyPath: property] = value
                return true
            },
            assignFromEnvironment: { text, section in
                guard let value = V(environment: text) else { return false }
                section[keyPath: property] = value
                return true
            },
            assignElementFromEnvironment: nil,
            literal: { section in section[keyPath: property].tomlLiteral }
        )
    }

    /// A list of strings: settable whole (comma-separated) or one element at a time from the environment.
    static func list(_ name: String, _ property: WritableKeyPath<Section, [String]>) -> ConfigKey {
        let whole = value(name, property)
        return ConfigKey(
            name: name,
            isSecret: false,
            expectation: whole.expectation,
            assign: whole.assign,
            assignFromEnvironment: whole.assignFromEnvironment,
            assignElementFromEnvironment: { index, text, section in
                let count = section[keyPath: property].count
                if index < count {
                    section[keyPath: property][index] = text
                } else if index == count {
                    section[keyPath: property].append(text)
                } else {
                    return .indexOutOfRange(count: count)
                }
                return .assigned
            },
            literal: whole.literal
        )
    }
}

/// A problem a section's own validation found, named by key so the loader can point at its line.
struct ConfigProblem: Equatable {
    let key: String
    let message: String
}

/// A config section (`[http]`, one `[[influxdb]]` element, or the file's top level): its keys, defaults and checks.
protocol ConfigSection {
    /// A section with every key at its default.
    init()
    static var keys: [ConfigKey<Self>] { get }
    /// Checks that involve a value's meaning rather than its type (a URL's scheme, a choice among words).
    func validate() -> [ConfigProblem]
}

extension ConfigSection {
    func validate() -> [ConfigProblem] { [] }

    static func key(named name: String) -> ConfigKey<Self>? {
        keys.first { $0.name == name }
    }
}
