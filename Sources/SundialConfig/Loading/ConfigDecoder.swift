/// Applies a parsed TOML document to a default `SundialConfiguration`, key by key, collecting a diagnostic for
/// every value of the wrong type and every key or section Sundial does not know.
struct ConfigDecoder {
    private(set) var configuration = SundialConfiguration()
    private(set) var diagnostics: [ConfigDiagnostic] = []
    private(set) var origins = ValueOrigins()
    private let locator: TOMLKeyLocator

    init(locator: TOMLKeyLocator) {
        self.locator = locator
    }

    mutating func decode(_ root: [TOMLEntry]) {
        let topLevel = SundialConfiguration.sections[0]
        for entry in root {
            if let binding = SundialConfiguration.sections.first(where: { !$0.name.isEmpty && $0.name == entry.key }) {
                decodeSection(binding, entry.value)
            } else if KapacitorSections.acceptedWithoutChecks.contains(entry.key) {
                reportUnread(entry)
            } else {
                assign(entry.key, entry.value, binding: topLevel, index: 0)
            }
        }
    }

    /// A Kapacitor section Sundial does not read yet: nothing to say when it is off (`enabled = false`); a warning
    /// when it is on or sets anything, since it is ignored.
    private mutating func reportUnread(_ entry: TOMLEntry) {
        let elements: [[TOMLEntry]] =
            switch entry.value {
            case .table(let entries): [entries]
            case .array(let elements): elements.compactMap(\.tableEntries)
            default: []
            }
        for (index, entries) in elements.enumerated() {
            let enabled = entries.first { $0.key == "enabled" }.map { entry -> Bool in
                if case .boolean(let flag) = entry.value { return flag }
                return true
            }
            guard enabled ?? Self.setsAnything(entries) else { continue }
            let label = entry.value.tableEntries == nil ? "[[\(entry.key)]]" : "[\(entry.key)]"
            let origin = lineOf(section: entry.key, index: index, key: enabled == nil ? nil : "enabled")
            report(.warning, at: origin, label, "not supported yet, ignored")
        }
    }

    /// Whether a table holds a value somewhere (`[udf]` with an empty `[udf.functions]` holds none).
    private static func setsAnything(_ entries: [TOMLEntry]) -> Bool {
        entries.contains { entry in entry.value.tableEntries.map(setsAnything) ?? true }
    }

    private mutating func decodeSection(_ binding: SectionBinding, _ value: TOMLNode) {
        switch (binding.isArray, value) {
        case (false, .table(let entries)):
            for entry in entries {
                // A table's arrays of tables with a binding of their own: `[[store.udp]]` inside `[store]`.
                if let nested = SundialConfiguration.sections.first(where: { $0.name == binding.name + "." + entry.key }) {
                    decodeSection(nested, entry.value)
                } else {
                    assign(entry.key, entry.value, binding: binding, index: 0)
                }
            }
        case (true, .array(let elements)) where elements.allSatisfy({ $0.tableEntries != nil }):
            for element in elements {
                let index = binding.count(configuration)
                binding.appendDefault(&configuration)
                for entry in element.tableEntries! { assign(entry.key, entry.value, binding: binding, index: index) }
            }
        case (true, .table(let entries)) where binding.acceptsSingleTable:
            binding.appendDefault(&configuration)
            for entry in entries { assign(entry.key, entry.value, binding: binding, index: 0) }
        case (true, .table):
            report(
                .error, at: lineOf(section: binding.name, index: 0, key: nil), binding.label,
                "must be an array of tables: write [[\(binding.name)]] instead of [\(binding.name)]"
            )
        default:
            let expected = binding.isArray ? "an array of tables ([[\(binding.name)]])" : "a table ([\(binding.name)])"
            report(
                .error, at: lineOf(section: "", index: 0, key: binding.name), binding.name,
                "expected \(expected), got \(value.displayText)"
            )
        }
    }

    private mutating func assign(_ key: String, _ value: TOMLNode, binding: SectionBinding, index: Int) {
        let origin = lineOf(section: binding.name, index: index, key: key)
        let subject = binding.label.isEmpty ? key : "\(binding.label) \(key)"
        switch binding.assign(key, value, index, &configuration) {
        case .assigned:
            origins.record(origin, section: binding.name, index: index, key: key)
        case .unknownKey where binding.name.isEmpty && value.tableEntries != nil:
            report(.warning, at: lineOf(section: key, index: 0, key: nil), "[\(key)]", "unknown section, ignored")
        case .unknownKey:
            let hint = KeySuggestion.nearest(to: key, among: binding.keyNames).map { " (did you mean \"\($0)\"?)" }
            report(.warning, at: origin, subject, "unknown key, ignored" + (hint ?? ""))
        case .mismatch(let expectation):
            report(.error, at: origin, subject, "expected \(expectation), got \(value.displayText)")
        case .elementOutOfRange:
            break  // only environment variables address list elements
        }
    }

    private func lineOf(section: String, index: Int, key: String?) -> ConfigDiagnostic.Origin {
        let line =
            key.map { locator.line(section: section, index: index, key: $0) }
            ?? locator.headerLine(section: section, index: index)
        return line.map { .line($0) } ?? .unplaced
    }

    private mutating func report(
        _ severity: ConfigDiagnostic.Severity,
        at origin: ConfigDiagnostic.Origin,
        _ subject: String,
        _ message: String
    ) {
        diagnostics.append(ConfigDiagnostic(severity: severity, origin: origin, subject: subject, message: message))
    }
}

/// Suggests the known key a misspelt one was probably meant to be.
enum KeySuggestion {
    /// The known key within two edits of `key`, if there is one. Keys whose lengths differ by more than two cannot
    /// be, and are not compared: a file full of long unknown keys costs no more than its length.
    static func nearest(to key: String, among known: [String]) -> String? {
        let typed = Array(key.utf8)
        var best: (key: String, distance: Int)?
        for candidate in known {
            let letters = Array(candidate.utf8)
            guard abs(letters.count - typed.count) <= 2 else { continue }
            let distance = editDistance(typed, letters)
            if distance <= 2 && distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.key
    }

    static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        editDistance(Array(lhs.utf8), Array(rhs.utf8))
    }

    /// Levenshtein distance over bytes (keys are ASCII), two rows reused.
    private static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
