import Testing

@testable import SundialConfig

/// The config API's overrides as Kapacitor applies them: merged per element, elements added to list sections and
/// removed again, values converted as Go's weak copy converts them, and each element checked as the file's are.
@Suite struct ConfigOverridesTests {
    private func updated(
        _ action: ConfigUpdateAction, _ section: String, _ element: String = "", hasElement: Bool = true,
        on overrides: ConfigOverrides = .init()
    ) throws(ConfigOverrideError) -> ConfigOverrides {
        var overrides = overrides
        try overrides.update(action, section: section, element: element, hasElement: hasElement)
        return overrides
    }

    private func message(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func setsMergeIntoTheDefaultWorkspaceAndDeletesRevertToTheFile() throws {
        var file = SundialConfiguration()
        file.smtp.host = "mail.example.com"
        var overrides = try updated(.init(set: ["enabled": .bool(true), "url": .string("http://127.0.0.1:1/hook")]), "slack")
        overrides = try updated(.init(set: ["channel": .string("#ops")]), "slack", on: overrides)
        #expect(overrides.items.count == 1 && overrides.items[0].id == "slack/")
        overrides = try updated(.init(set: ["port": .string("2525")]), "smtp", on: overrides)
        let applied = try file.applying(overrides.items)
        #expect(applied.slack.count == 1 && applied.slack[0].isDefault)
        #expect(applied.slack[0].enabled && applied.slack[0].url == "http://127.0.0.1:1/hook" && applied.slack[0].channel == "#ops")
        #expect(applied.smtp.port == 2525 && applied.smtp.host == "mail.example.com", "a number as text is a number")
        overrides = try updated(.init(delete: ["channel"]), "slack", on: overrides)
        #expect(try file.applying(overrides.items).slack[0].channel == "")
    }

    @Test func addCreatesAListElementAndRemoveDropsIt() throws {
        let add = ConfigUpdateAction(
            add: ["workspace": .string("company_private"), "enabled": .bool(true), "url": .string("http://127.0.0.1:1/x")])
        var overrides = try updated(add, "slack", hasElement: false)
        var applied = try SundialConfiguration().applying(overrides.items)
        #expect(applied.slack.map(\.workspace) == ["", "company_private"])
        #expect(applied.configElements("slack")?.map(\.id) == ["", "company_private"])
        #expect(message { _ = try updated(add, "slack", hasElement: false, on: overrides) }?.contains("override already exists") == true)
        overrides = try updated(.init(set: ["channel": .string("#private")]), "slack", "company_private", on: overrides)
        applied = try SundialConfiguration().applying(overrides.items)
        #expect(applied.slack[1].channel == "#private")
        overrides = try updated(.init(remove: ["company_private"]), "slack", hasElement: false, on: overrides)
        #expect(overrides.items.isEmpty)
        #expect(
            message { _ = try updated(.init(add: ["enabled": .bool(true)]), "smtp", hasElement: false) }
                == "section \"smtp\" is not a list, cannot add new element")
        #expect(
            message { _ = try updated(.init(add: ["enabled": .bool(true)]), "slack", hasElement: false) }
                == "missing key \"workspace\" in \"add\" map")
    }

    @Test func actionsAreCheckedAgainstThePathAsKapacitorChecksThem() {
        #expect(
            message { _ = try updated(.init(set: ["enabled": .bool(true)]), "slack", hasElement: false) }
                == "invalid update action: element not specified, are you missing a trailing '/'?")
        #expect(
            message { _ = try updated(.init(set: ["a": .bool(true)], remove: ["x"]), "slack", hasElement: false) }
                == "invalid update action: cannot provide both set/delete and add/remove actions in the same update")
        #expect(
            message { _ = try updated(.init(set: ["a": .bool(true)]), "sl ack") }
                == "invalid update action: invalid section name \"sl ack\"")
        #expect(message { _ = try updated(.init(set: ["a": .bool(true)]), "hipchat") } == "unknown section \"hipchat\"")
        #expect(message { _ = try updated(.init(set: ["urls": .list([])]), "influxdb") }?.contains("edit the config file") == true)
    }

    @Test func badOptionsAreRefusedWithTheReason() throws {
        func applying(_ section: String, element: String = "", _ options: [String: ConfigJSON]) -> String? {
            message { _ = try SundialConfiguration().applying([ConfigOverride(section: section, element: element, options: options)]) }
        }
        #expect(
            applying("slack", ["colour": .string("red"), "enabled": .bool(false)])
                == "failed to override configuration slack/: unknown options [colour] in section slack")
        #expect(
            applying("slack", ["enabled": .list([])])?.hasSuffix("cannot set option enabled: expected a boolean (true or false), got []")
                == true)
        #expect(
            applying("slack", ["workspace": .string("renamed")])
                == "failed to override configuration slack/: cannot override element key workspace")
        #expect(
            applying("slack", ["enabled": .bool(true)]) == "failed to override configuration slack/: failed validation: must specify url")
        #expect(applying("slack", element: "nope", ["channel": .string("#x")])?.contains("unknown element \"nope\"") == true)
        // Nothing configured is silently ignored: a key Sundial does not act on is refused, not stored.
        #expect(applying("slack", ["ssl-ca": .string("/ca.pem")])?.contains("cannot set option ssl-ca: not supported yet") == true)
        #expect(applying("smtp", ["enabled": .string("yes")])?.contains("expected a boolean") == true)
        #expect(
            applying("smtp", ["enabled": .string("true"), "from": .string("k@example.com")]) == nil, "Go's weak conversion of a string")
    }

    @Test func durationsTakeGoTextOrNanoseconds() throws {
        func idleTimeout(_ value: ConfigJSON) -> String? {
            message {
                _ = try SundialConfiguration().applying([ConfigOverride(section: "smtp", element: "", options: ["idle-timeout": value])])
            }
        }
        // Sundial connects for each mail: only the default is accepted, however it is written.
        #expect(idleTimeout(.string("30s")) == nil && idleTimeout(.int(30_000_000_000)) == nil)
        #expect(idleTimeout(.string("1m"))?.contains("cannot set option idle-timeout: not supported yet") == true)
        #expect(idleTimeout(.string("soon"))?.contains("expected a duration") == true)
    }
}
