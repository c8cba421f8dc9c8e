public import LineProtocol

/// What happened to a batch: how many points were stored, which lines did not parse, and which points were
/// dropped and why (field type conflicts, retention, limits), in the terms InfluxDB reports them.
public struct WriteOutcome: Sendable {
    public var pointsWritten = 0
    public var parseErrors: [LineProtocolError] = []
    public var dropped = 0
    /// The reason for the first dropped point, as InfluxDB's `partial write:` message names only that one.
    public var firstDropReason: String?

    public init() {}

    /// InfluxDB 1.x's error text for this outcome, or nil when everything was written.
    public var errorMessage: String? {
        if !parseErrors.isEmpty {
            let joined = parseErrors.map(\.description).joined(separator: "\n")
            return pointsWritten == 0 && dropped == 0 ? joined : "partial write: \(joined) dropped=\(dropped)"
        }
        if let firstDropReason { return "partial write: \(firstDropReason) dropped=\(dropped)" }
        return nil
    }
}
