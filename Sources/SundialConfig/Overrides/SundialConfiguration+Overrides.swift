extension SundialConfiguration {
    /// The configuration with the config API's overrides applied in order over it, each element checked as the file's
    /// are. As in Kapacitor, the rules across a section's elements (one default workspace) are the file's only: the
    /// config API's caller is told of a break (`elementSetProblems`), not refused. `[[slack]]` and `[[discord]]` start from what Kapacitor shows without a section: one default workspace.
    public func applying(_ overrides: [ConfigOverride]) throws(ConfigOverrideError) -> SundialConfiguration {
        var result = self
        result.slack = slackWorkspaces
        result.discord = discordWorkspaces
        for override in overrides {
            do {
                try result.apply(override)
            } catch {
                throw ConfigOverrideError("failed to override configuration \(override.id): \(error)")
            }
        }
        return result
    }

    /// This configuration with `section` (all its elements) taken from `other`: how a config API update reaches the
    /// running services, leaving the other sections as they run.
    public func replacingSection(_ section: String, from other: SundialConfiguration) -> SundialConfiguration {
        var result = self
        Self.sections.first { $0.name == section }?.copy(other, &result)
        return result
    }

    private mutating func apply(_ override: ConfigOverride) throws(ConfigOverrideError) {
        guard let entry = Self.configAPISections.first(where: { $0.name == override.section }),
            let binding = Self.sections.first(where: { $0.name == override.section })
        else { throw ConfigOverrideError("unknown section \(override.section)") }
        let index: Int
        if override.isCreated {
            if let key = entry.elementKey, elementIndex(binding, key: key, value: override.element) != nil {
                throw ConfigOverrideError("section \"\(override.section)\" has duplicate elements: \"\(override.element)\"")
            }
            binding.appendDefault(&self)
            index = binding.count(self) - 1
        } else if let key = entry.elementKey {
            guard let found = elementIndex(binding, key: key, value: override.element) else {
                throw ConfigOverrideError("unknown element \"\(override.element)\" in section \(override.section)")
            }
            index = found
        } else {
            guard override.element.isEmpty else { throw ConfigOverrideError("section \(override.section) has no elements") }
            index = 0
        }
        var unknown: [String] = []
        for name in override.options.keys.sorted() {
            if !override.isCreated, name == entry.elementKey { throw ConfigOverrideError("cannot override element key \(name)") }
            let value = override.options[name]!
            switch assign(name, value, binding: binding, index: index) {
            case .assigned: break
            case .unknownKey: unknown.append(name)
            case .mismatch(let expectation):
                throw ConfigOverrideError("cannot set option \(name): expected \(expectation), got \(value.tomlNode.displayText)")
            }
        }
        if !unknown.isEmpty {
            throw ConfigOverrideError("unknown options [\(unknown.joined(separator: " "))] in section \(override.section)")
        }
        for problem in binding.problems(self, index) {
            if problem.severity == .error { throw ConfigOverrideError("failed validation: \(problem.message)") }
            // Nothing configured is silently ignored: a key Sundial does not act on is refused when the API sets it.
            if override.options[problem.key] != nil { throw ConfigOverrideError("cannot set option \(problem.key): \(problem.message)") }
        }
    }

    private enum OptionAssignment {
        case assigned, unknownKey
        case mismatch(String)
    }

    /// Sets one option, converting as Go's weak copy does: the JSON value as it is, else its text as an environment
    /// variable would give it (`"true"`, `"10s"`, nanoseconds for a duration).
    private mutating func assign(_ name: String, _ value: ConfigJSON, binding: SectionBinding, index: Int) -> OptionAssignment {
        switch binding.assign(name, value.tomlNode, index, &self) {
        case .assigned: return .assigned
        case .unknownKey: return .unknownKey
        case .elementOutOfRange: return .unknownKey
        case .mismatch(let expectation):
            for text in value.weakTexts where binding.assignFromEnvironment(name, nil, text, index, &self) == .assigned {
                return .assigned
            }
            return .mismatch(expectation)
        }
    }

    private func elementIndex(_ binding: SectionBinding, key: String, value: String) -> Int? {
        (0..<binding.count(self)).first { index in
            binding.options(self, index).contains { $0.name == key && $0.value == .string(value) }
        }
    }
}
