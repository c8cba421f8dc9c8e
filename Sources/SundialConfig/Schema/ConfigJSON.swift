/// A config value in JSON, as Kapacitor's config API shows options (durations as Go writes them, `"1m0s"`) and takes
/// them in an update. A number that is not a whole number an `Int` holds is kept as its text: no key takes a fraction,
/// so setting one is refused with the key's expectation.
public indirect enum ConfigJSON: Sendable, Equatable, Codable {
    case string(String)
    case bool(Bool)
    case int(Int)
    case list([ConfigJSON])
    case object([String: ConfigJSON])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Int.self) {
            self = .int(number)
        } else if let number = try? container.decode(Double.self) {
            self = .string(String(number))
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let items = try? container.decode([ConfigJSON].self) {
            self = .list(items)
        } else {
            self = .object(try container.decode([String: ConfigJSON].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .bool(let flag): try container.encode(flag)
        case .int(let number): try container.encode(number)
        case .list(let items): try container.encode(items)
        case .object(let entries): try container.encode(entries)
        }
    }

    /// The value as a TOML node, for the loader's key assignment (`SectionBinding.assign`).
    var tomlNode: TOMLNode {
        switch self {
        case .string(let text): .string(text)
        case .bool(let flag): .boolean(flag)
        case .int(let number): .integer(number)
        case .list(let items): .array(items.map(\.tomlNode))
        case .object(let entries): .table(entries.keys.sorted().map { TOMLEntry(key: $0, value: entries[$0]!.tomlNode) })
        }
    }

    /// The value as an environment variable would give it, for Go's weak conversions the config API allows (`"true"`
    /// for a boolean, `"10s"` or a number of nanoseconds for a duration, a number for a string); nil for lists and tables.
    var weakTexts: [String] {
        switch self {
        case .string(let text): [text]
        case .bool(let flag): [String(flag)]
        case .int(let number): [String(number), "\(number)ns"]
        case .list, .object: []
        }
    }
}
