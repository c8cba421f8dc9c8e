/// An alert's severity, ordered: OK < INFO < WARNING < CRITICAL; written as those names.
public enum AlertLevel: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible, Codable {
    case ok = 0
    case info
    case warning
    case critical

    public var description: String {
        switch self {
        case .ok: "OK"
        case .info: "INFO"
        case .warning: "WARNING"
        case .critical: "CRITICAL"
        }
    }

    /// Reads a level name in any case (`min-level=warning`).
    public init?(name: String) {
        guard let level = Self.allCases.first(where: { $0.description == name.uppercased() }) else { return nil }
        self = level
    }

    public static func < (lhs: AlertLevel, rhs: AlertLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        guard let level = AlertLevel(name: name) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown alert level \(name)"))
        }
        self = level
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
