/// The alert-handler services as Kapacitor's config API shows them (`GET /kapacitor/v1/config`): each section's
/// elements with their options by name, a secret only as whether it is set, and the secrets' names.
public struct ConfigElementView: Sendable, Equatable {
    /// The element key's value (`workspace`, `endpoint`); empty for a section of one element.
    public let id: String
    public let options: [String: ConfigJSON]
    public let redacted: [String]
}

extension SundialConfiguration {
    /// The sections the config API shows, with the option that names a list section's elements.
    public static let configAPISections: [(name: String, elementKey: String?)] = [
        ("alerta", nil), ("bigpanda", nil), ("discord", "workspace"), ("httppost", "endpoint"), ("mqtt", "name"), ("opsgenie", nil),
        ("opsgenie2", nil),
        ("pagerduty", nil), ("pagerduty2", nil), ("pushover", nil), ("sensu", nil), ("servicenow", nil), ("slack", "workspace"),
        ("smtp", nil), ("snmptrap", nil), ("talk", nil), ("teams", nil), ("telegram", nil), ("victorops", nil), ("zenoss", nil),
    ]

    /// `[[slack]]` as Kapacitor has it: with no section, one default workspace, off.
    public var slackWorkspaces: [SlackSection] {
        guard slack.isEmpty else { return slack }
        var only = SlackSection()
        only.isDefault = true
        return [only]
    }

    /// `[[discord]]` as Kapacitor has it: with no section, one default workspace, off.
    public var discordWorkspaces: [DiscordSection] {
        guard discord.isEmpty else { return discord }
        var only = DiscordSection()
        only.isDefault = true
        return [only]
    }

    /// The elements of `section`, sorted by their key's value as Kapacitor lists them; nil for a section the config
    /// API does not show.
    public func configElements(_ section: String) -> [ConfigElementView]? {
        guard let entry = Self.configAPISections.first(where: { $0.name == section }),
            let binding = Self.sections.first(where: { $0.name == section })
        else { return nil }
        var shown = self
        shown.slack = slackWorkspaces
        shown.discord = discordWorkspaces
        let elements = (0..<binding.count(shown)).map { index -> ConfigElementView in
            var options: [String: ConfigJSON] = [:]
            var redacted: [String] = []
            for option in binding.options(shown, index) {
                guard option.isSecret else {
                    options[option.name] = option.value
                    continue
                }
                redacted.append(option.name)
                options[option.name] = .bool(!Self.isEmpty(option.value))
            }
            let id: String = if let key = entry.elementKey, case .string(let name)? = options[key] { name } else { "" }
            return ConfigElementView(id: id, options: options, redacted: redacted)
        }
        return elements.sorted { $0.id < $1.id }
    }

    private static func isEmpty(_ value: ConfigJSON) -> Bool {
        switch value {
        case .string(let text): text.isEmpty
        case .list(let items): items.isEmpty
        case .object(let entries): entries.isEmpty
        case .bool(let flag): !flag
        case .int(let number): number == 0
        }
    }
}
