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

    /// InfluxDB 1.8's error text for this outcome, or nil when everything was written: dropped points are reported
    /// before lines that did not parse (its handler checks the write's error first), and a batch in which no line
    /// parsed gets the parse errors alone.
    public var errorMessage: String? {
        if let firstDropReason { return "partial write: \(firstDropReason) dropped=\(dropped)" }
        guard !parseErrors.isEmpty else { return nil }
        let joined = parseErrors.map(\.description).joined(separator: "\n")
        return pointsWritten == 0 ? joined : "partial write: \(joined) dropped=0"
    }
}
