/// Connects a TOML section name to a section property of `SundialConfiguration`, single (`[http]`) or an array of
/// tables (`[[influxdb]]`), so the loader, the environment reader and the printer can treat all sections alike.
struct SectionBinding: Sendable {
    /// The TOML name; empty for the file's top level.
    let name: String
    let isArray: Bool
    /// An array section that also takes a single table (`[slack]` as one workspace), as Kapacitor's lists do.
    var acceptsSingleTable = false
    let keyNames: [String]
    let count: @Sendable (SundialConfiguration) -> Int
    /// Adds an element with default values (array sections only).
    let appendDefault: @Sendable (inout SundialConfiguration) -> Void
    let assign: @Sendable (_ key: String, _ value: TOMLNode, _ index: Int, inout SundialConfiguration) -> Assignment
    let assignFromEnvironment:
        @Sendable (_ key: String, _ element: Int?, _ text: String, _ index: Int, inout SundialConfiguration) -> Assignment
    let problems: @Sendable (SundialConfiguration, _ index: Int) -> [ConfigProblem]
    /// `key = literal` lines of one element, secrets masked.
    let renderedLines: @Sendable (SundialConfiguration, _ index: Int) -> [String]
    /// One element's options as Kapacitor's config API shows them: (name, value, whether it is a secret).
    let options: @Sendable (SundialConfiguration, _ index: Int) -> [(name: String, value: ConfigJSON, isSecret: Bool)]
    /// Copies the whole section (every element) from one configuration into another.
    let copy: @Sendable (_ from: SundialConfiguration, _ into: inout SundialConfiguration) -> Void

    enum Assignment: Equatable {
        case assigned
        case unknownKey
        case mismatch(expectation: String)
        case elementOutOfRange(count: Int)
    }

    /// How messages name the section: `[http]`, `[[influxdb]]`, or nothing for the top level.
    var label: String {
        if name.isEmpty { return "" }
        return isArray ? "[[\(name)]]" : "[\(name)]"
    }

    static func single<S: ConfigSection>(
        _ name: String,
        _ property: any WritableKeyPath<SundialConfiguration, S> & Sendable
    ) -> SectionBinding {
        SectionBinding(
            name: name,
            isArray: false,
            keyNames: S.keys.map(\.name),
            count: { _ in 1 },
            appendDefault: { _ in },
            assign: { key, value, _, configuration in
                apply(key, value, to: &configuration[keyPath: property])
            },
            assignFromEnvironment: { key, element, text, _, configuration in
                applyEnvironment(key, element, text, to: &configuration[keyPath: property])
            },
            problems: { configuration, _ in
                configuration[keyPath: property].validate() + configuration[keyPath: property].unsupportedSettings()
            },
            renderedLines: { configuration, _ in render(configuration[keyPath: property]) },
            options: { configuration, _ in options(configuration[keyPath: property]) },
            copy: { from, into in into[keyPath: property] = from[keyPath: property] }
        )
    }

    static func array<S: ConfigSection>(
        _ name: String,
        _ property: any WritableKeyPath<SundialConfiguration, [S]> & Sendable
    ) -> SectionBinding {
        SectionBinding(
            name: name,
            isArray: true,
            keyNames: S.keys.map(\.name),
            count: { configuration in configuration[keyPath: property].count },
            appendDefault: { configuration in configuration[keyPath: property].append(S()) },
            assign: { key, value, index, configuration in
                apply(key, value, to: &configuration[keyPath: property][index])
            },
            assignFromEnvironment: { key, element, text, index, configuration in
                applyEnvironment(key, element, text, to: &configuration[keyPath: property][index])
            },
            problems: { configuration, index in
                configuration[keyPath: property][index].validate() + configuration[keyPath: property][index].unsupportedSettings()
            },
            renderedLines: { configuration, index in render(configuration[keyPath: property][index]) },
            options: { configuration, index in options(configuration[keyPath: property][index]) },
            copy: { from, into in into[keyPath: property] = from[keyPath: property] }
        )
    }

    /// An array of tables that a single table may also give, as one element (Kapacitor's `[slack]` or `[[slack]]`).
    static func list<S: ConfigSection>(_ name: String, _ property: any WritableKeyPath<SundialConfiguration, [S]> & Sendable)
        -> SectionBinding
    {
        var binding = array(name, property)
        binding.acceptsSingleTable = true
        return binding
    }

    private static func apply<S: ConfigSection>(_ key: String, _ value: TOMLNode, to section: inout S) -> Assignment {
        guard let descriptor = S.key(named: key) else { return .unknownKey }
        return descriptor.assign(value, &section) ? .assigned : .mismatch(expectation: descriptor.expectation)
    }

    private static func applyEnvironment<S: ConfigSection>(
        _ key: String,
        _ element: Int?,
        _ text: String,
        to section: inout S
    ) -> Assignment {
        guard let descriptor = S.key(named: key) else { return .unknownKey }
        guard let element else {
            return descriptor.assignFromEnvironment(text, &section)
                ? .assigned : .mismatch(expectation: descriptor.expectation)
        }
        guard let assignElement = descriptor.assignElementFromEnvironment else { return .unknownKey }
        switch assignElement(element, text, &section) {
        case .assigned: return .assigned
        case .indexOutOfRange(let count): return .elementOutOfRange(count: count)
        }
    }

    private static func options<S: ConfigSection>(_ section: S) -> [(name: String, value: ConfigJSON, isSecret: Bool)] {
        S.keys.map { key in (key.name, key.json(section), key.isSecret) }
    }

    private static func render<S: ConfigSection>(_ section: S) -> [String] {
        S.keys.map { key in
            let literal = key.literal(section)
            let shown = key.isSecret && literal != "\"\"" && literal != "{}" ? "\"********\"" : literal
            return "\(TOMLKeyName.quotedIfNeeded(key.name)) = \(shown)"
        }
    }
}
