/// A Swift type a config key can hold: how it is read from TOML and from an environment variable, and written back.
protocol ConfigValue {
    /// What the key expects, for `expected <expectation>, got <value>` messages: "a string", "an array of strings".
    static var expectation: String { get }
    init?(toml: TOMLNode)
    init?(environment text: String)
    var tomlLiteral: String { get }
    /// The value as Kapacitor's config API shows it (`GET /kapacitor/v1/config`).
    var json: ConfigJSON { get }
}

extension String: ConfigValue {
    static var expectation: String { "a string" }
    init?(toml: TOMLNode) {
        guard case .string(let text) = toml else { return nil }
        self = text
    }
    init?(environment text: String) { self = text }
    var tomlLiteral: String { TOMLLiteral.quoted(self) }
    var json: ConfigJSON { .string(self) }
}

extension Bool: ConfigValue {
    static var expectation: String { "a boolean (true or false)" }
    init?(toml: TOMLNode) {
        guard case .boolean(let value) = toml else { return nil }
        self = value
    }
    /// Accepts what Go's `strconv.ParseBool` accepts, since Kapacitor reads its environment with it.
    init?(environment text: String) {
        switch text {
        case "1", "t", "T", "true", "TRUE", "True": self = true
        case "0", "f", "F", "false", "FALSE", "False": self = false
        default: return nil
        }
    }
    var tomlLiteral: String { String(self) }
    var json: ConfigJSON { .bool(self) }
}

extension Int: ConfigValue {
    static var expectation: String { "an integer" }
    init?(toml: TOMLNode) {
        guard case .integer(let value) = toml else { return nil }
        self = value
    }
    init?(environment text: String) { self.init(text) }
    var tomlLiteral: String { String(self) }
    var json: ConfigJSON { .int(self) }
}

extension Array: ConfigValue where Element == String {
    static var expectation: String { "an array of strings" }
    init?(toml: TOMLNode) {
        guard case .array(let elements) = toml else { return nil }
        var strings: [String] = []
        for element in elements {
            guard case .string(let text) = element else { return nil }
            strings.append(text)
        }
        self = strings
    }
    /// A whole list from one variable is comma-separated, as Kapacitor's environment reader splits it.
    init?(environment text: String) {
        self = text.isEmpty ? [] : text.split(separator: ",").map { String($0) }
    }
    var tomlLiteral: String { TOMLLiteral.array(self) }
    var json: ConfigJSON { .list(map { .string($0) }) }
}

/// A table of string arrays, such as `[influxdb.subscriptions]` (database → retention policies).
extension Dictionary: ConfigValue where Key == String, Value == [String] {
    static var expectation: String { "a table of string arrays" }
    init?(toml: TOMLNode) {
        guard let entries = toml.tableEntries else { return nil }
        var result: [String: [String]] = [:]
        for entry in entries {
            guard let list = [String](toml: entry.value) else { return nil }
            result[entry.key] = list
        }
        self = result
    }
    init?(environment text: String) { nil }
    var tomlLiteral: String {
        let pairs = keys.sorted().map { "\(TOMLLiteral.quoted($0)) = \(self[$0]!.tomlLiteral)" }
        return "{ " + pairs.joined(separator: ", ") + " }"
    }
    var json: ConfigJSON { .object(mapValues { $0.json }) }
}

extension ConfigDuration: ConfigValue {
    static var expectation: String { "a duration such as \"10s\" or \"1m30s\"" }
    init?(toml: TOMLNode) {
        switch toml {
        case .string(let text): self.init(parsing: text)
        case .integer(0): self.init(nanoseconds: 0)
        default: return nil
        }
    }
    init?(environment text: String) { self.init(parsing: text) }
    var tomlLiteral: String { TOMLLiteral.quoted(description) }
    var json: ConfigJSON { .string(description) }
}

extension ListenAddress: ConfigValue {
    static var expectation: String { "an address such as \":9092\" or \"127.0.0.1:9092\"" }
    init?(toml: TOMLNode) {
        guard case .string(let text) = toml else { return nil }
        self.init(parsing: text)
    }
    init?(environment text: String) { self.init(parsing: text) }
    var tomlLiteral: String { TOMLLiteral.quoted(description) }
    var json: ConfigJSON { .string(description) }
}

extension LogLevelSetting: ConfigValue {
    static var expectation: String { "one of \"debug\", \"info\", \"warn\", \"error\", \"off\"" }
    init?(toml: TOMLNode) {
        guard case .string(let text) = toml else { return nil }
        self.init(parsing: text)
    }
    init?(environment text: String) { self.init(parsing: text) }
    var tomlLiteral: String { TOMLLiteral.quoted(rawValue) }
    var json: ConfigJSON { .string(rawValue) }
}

/// A table whose values are text or whole numbers (`severity-map = { OK = 0, Critical = "Critical" }`, Zenoss's
/// severities by name or number, as Kapacitor takes them); each value is sent as it was written.
public struct TextOrNumberTable: Sendable, Equatable, ConfigValue {
    /// `.string` or `.int` only.
    public var entries: [String: ConfigJSON]

    public init(_ entries: [String: ConfigJSON] = [:]) {
        self.entries = entries
    }

    static var expectation: String { "a table of strings or integers" }

    init?(toml: TOMLNode) {
        guard let tableEntries = toml.tableEntries else { return nil }
        var result: [String: ConfigJSON] = [:]
        for entry in tableEntries {
            switch entry.value {
            case .string(let text): result[entry.key] = .string(text)
            case .integer(let number): result[entry.key] = .int(number)
            default: return nil
            }
        }
        entries = result
    }

    init?(environment text: String) { nil }

    var tomlLiteral: String {
        guard !entries.isEmpty else { return "{}" }
        let members = entries.keys.sorted().map { key in
            let value: String =
                switch entries[key]! {
                case .int(let number): String(number)
                case .string(let text): TOMLLiteral.quoted(text)
                default: "\"\""
                }
            return "\(TOMLLiteral.quoted(key)) = \(value)"
        }
        return "{ " + members.joined(separator: ", ") + " }"
    }

    var json: ConfigJSON { .object(entries) }
}

/// A table of strings, such as `[httppost.headers]` or `basic-auth = { username = "u", password = "p" }`.
public struct StringTable: Sendable, Equatable, ConfigValue {
    public var entries: [String: String]

    public init(_ entries: [String: String] = [:]) {
        self.entries = entries
    }

    static var expectation: String { "a table of strings" }

    init?(toml: TOMLNode) {
        guard let tableEntries = toml.tableEntries else { return nil }
        var result: [String: String] = [:]
        for entry in tableEntries {
            guard case .string(let text) = entry.value else { return nil }
            result[entry.key] = text
        }
        entries = result
    }

    init?(environment text: String) { nil }

    var tomlLiteral: String {
        guard !entries.isEmpty else { return "{}" }
        return "{ "
            + entries.keys.sorted().map { "\(TOMLLiteral.quoted($0)) = \(TOMLLiteral.quoted(entries[$0]!))" }.joined(separator: ", ")
            + " }"
    }

    var json: ConfigJSON { .object(entries.mapValues { .string($0) }) }
}
