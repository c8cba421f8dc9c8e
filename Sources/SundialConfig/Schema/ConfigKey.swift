/// One key of a config section: its TOML name, the property it sets, and how to read and print it.
///
/// Sections list their keys explicitly (no reflection), so the set of known keys, their types and which of them
/// are secret is visible in one place per section.
struct ConfigKey<Section> {
    let name: String
    /// Secrets (passwords, tokens, shared secrets) are masked when the configuration is printed.
    let isSecret: Bool
    /// Whether Sundial acts on the key; one it does not is reported when set to anything but its default.
    var support = KeySupport.honoured
    let expectation: String
    /// Sets the property from a TOML value; false when the value has the wrong type or form.
    let assign: (TOMLNode, inout Section) -> Bool
    /// Sets the property from an environment variable's text; false when the text does not parse.
    let assignFromEnvironment: (String, inout Section) -> Bool
    /// Sets one element of a list (`KAPACITOR_INFLUXDB_0_URLS_1`); nil for keys that are not lists.
    let assignElementFromEnvironment: ((Int, String, inout Section) -> ElementAssignment)?
    let literal: (Section) -> String
    /// The value as Kapacitor's config API shows it; a secret shows only whether it is set.
    let json: (Section) -> ConfigJSON

    enum ElementAssignment {
        case assigned
        /// The index is past the end of the list plus one: Kapacitor only sets elements that exist.
        case indexOutOfRange(count: Int)
    }

    static func value<V: ConfigValue>(
        _ name: String,
        _ property: WritableKeyPath<Section, V>,
        isSecret: Bool = false,
        support: KeySupport = .honoured
    ) -> ConfigKey {
        ConfigKey(
            name: name,
            isSecret: isSecret,
            support: support,
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
            literal: { section in section[keyPath: property].tomlLiteral },
            json: { section in section[keyPath: property].json }
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
            literal: whole.literal,
            json: whole.json
        )
    }
}

/// Whether Sundial acts on a key (nothing configured is silently ignored). A key it does not act on yet is reported
/// by `check-config` and at start-up whenever it is set to anything but its default: as a warning, or, when ignoring
/// it would leave open what the user believes closed (auth, TLS), as an error that stops start-up.
enum KeySupport: Equatable {
    case honoured
    /// Not acted on; the text says what happens instead, if anything.
    case ignored(String? = nil)
    /// Not acted on, and ignoring it would weaken security; the text says what would be left open.
    case refused(leaving: String)

    /// The report for a key set to `literal` (not its default `defaultLiteral`); nil when honoured.
    func problem(key: String, defaultLiteral: String) -> ConfigProblem? {
        switch self {
        case .honoured: return nil
        case .ignored(let note):
            return ConfigProblem(key: key, message: "not supported yet, ignored" + (note.map { " (\($0))" } ?? ""), severity: .warning)
        case .refused(let what):
            return ConfigProblem(
                key: key,
                message: "not supported yet; Sundial does not start with it set, since ignoring it would leave \(what) "
                    + "(remove it, or set it to \(defaultLiteral))")
        }
    }
}

/// A problem a section's own validation found, named by key so the loader can point at its line.
struct ConfigProblem: Equatable {
    let key: String
    let message: String
    var severity = ConfigDiagnostic.Severity.error
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

    /// Reports for the keys set to something Sundial does not act on (`KeySupport`).
    func unsupportedSettings() -> [ConfigProblem] {
        let defaults = Self()
        return Self.keys.compactMap { key in
            let defaultLiteral = key.literal(defaults)
            guard key.literal(self) != defaultLiteral else { return nil }
            return key.support.problem(key: key.name, defaultLiteral: defaultLiteral)
        }
    }

    static func key(named name: String) -> ConfigKey<Self>? {
        keys.first { $0.name == name }
    }
}
