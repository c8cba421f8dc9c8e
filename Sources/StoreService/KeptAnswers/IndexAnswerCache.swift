import Hummingbird
import InfluxQL
import Storage
import Synchronization

/// Encoded answers to queries read from the series index alone (`QueryExecutor.answersFromIndexAlone`), kept while
/// the indexes are unchanged. Dashboards ask the same `SHOW TAG VALUES` or `SHOW MEASUREMENTS` for their template
/// variables on every refresh; an answer from here skips parsing, executing and encoding, which are most of such a
/// request's cost.
final class IndexAnswerCache: Sendable {
    /// Everything the bytes of an answer depend on besides the index.
    struct Key: Hashable {
        let query: String
        let boundParameters: String?
        let database: String?
        let retentionPolicy: String?
        let epoch: String?
        let format: QueryResponseFormat
        let gzipped: Bool

        init(
            _ parameters: [String: String], database: String?, retentionPolicy: String?, format: QueryResponseFormat,
            gzipped: Bool
        ) {
            query = parameters["q"] ?? ""
            boundParameters = parameters["params"]
            self.database = database
            self.retentionPolicy = retentionPolicy
            epoch = parameters["epoch"]
            self.format = format
            self.gzipped = gzipped
        }
    }

    struct Answer {
        /// The statements, for the authorization every request still goes through.
        let statements: [Statement]
        /// As sent: gzip-compressed when the key says so.
        let body: ByteBuffer
        let contentType: String
        let gzipped: Bool
    }

    private struct Entry {
        let version: IndexVersion
        let answer: Answer
    }

    /// Bounds on memory: answers larger than this are not kept, and the cache is emptied when it has this many.
    static let maximumBodySize = 256 * 1024
    static let maximumEntries = 256

    private let entries = Mutex<[Key: Entry]>([:])

    /// The answer kept for `key` if it was computed at `version`.
    func answer(for key: Key, at version: IndexVersion) -> Answer? {
        entries.withLock { entries in
            guard let entry = entries[key], entry.version == version else { return nil }
            return entry.answer
        }
    }

    /// Keeps an answer computed from the indexes as they were at `version` (read before the statements ran, so a
    /// change while they ran leaves the answer already stale rather than wrongly current).
    func keep(_ answer: Answer, for key: Key, at version: IndexVersion) {
        guard answer.body.readableBytes <= Self.maximumBodySize else { return }
        entries.withLock { entries in
            // Emptying beats an eviction order here: the entries are few and recomputing one is cheap.
            if entries.count >= Self.maximumEntries && entries[key] == nil { entries.removeAll() }
            entries[key] = Entry(version: version, answer: answer)
        }
    }
}
