import InfluxQL
import Synchronization

/// Statements parsed from a query text and its bound parameters, kept for the next request with the same text:
/// dashboards send the same queries on every refresh (time ranges relative to `now()` keep the text unchanged), and
/// parsing was 5% of a small SELECT's cost. Only texts that parsed are kept.
final class ParsedQueryCache: Sendable {
    private struct Key: Hashable {
        let query: String
        let boundParameters: String?
    }

    /// Emptied when it reaches this many entries: cheaper than an eviction order, and a miss costs one parse.
    static let maximumEntries = 512

    private let entries = Mutex<[Key: [Statement]]>([:])

    /// The statements of `query`, parsed by `parse` unless they are kept.
    func statements(query: String, boundParameters: String?, parse: () throws -> [Statement]) rethrows -> [Statement] {
        let key = Key(query: query, boundParameters: boundParameters)
        if let kept = entries.withLock({ $0[key] }) { return kept }
        let statements = try parse()
        entries.withLock { entries in
            if entries.count >= Self.maximumEntries { entries.removeAll() }
            entries[key] = statements
        }
        return statements
    }
}
