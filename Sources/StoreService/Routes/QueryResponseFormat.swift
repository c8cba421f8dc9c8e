/// How a `/query` answer is written, chosen as InfluxDB 1.x chooses it: the media ranges of `Accept` in order of
/// `q` (highest first, the header's order among equals), the first that matches JSON, CSV or MessagePack wins (`*`
/// matches any type or subtype, so `*/*` is JSON), JSON when none does. The answer's `Content-Type` is the matched
/// type's own name (`application/csv` stays `application/csv`).
struct QueryResponseFormat: Hashable {
    enum Encoding: Hashable {
        case json(pretty: Bool)
        case csv
        case messagePack
    }

    var encoding: Encoding
    var contentType: String
    /// `chunked=true`: rows per chunk (`chunk_size`, 10,000 when absent or not a positive number). CSV answers are
    /// written whole.
    var chunkSize: Int?

    private static let offered: [(type: String, subtype: String, encoding: Encoding)] = [
        ("application", "json", .json(pretty: false)),
        ("application", "csv", .csv),
        ("text", "csv", .csv),
        ("application", "x-msgpack", .messagePack),
    ]

    init(accept: [String], parameters: [String: String]) {
        let pretty = parameters["pretty"] == "true"
        (encoding, contentType) = (.json(pretty: pretty), "application/json")
        search: for range in Self.mediaRanges(accept) {
            for offer in Self.offered
            where (range.type == "*" || range.type == offer.type) && (range.subtype == "*" || range.subtype == offer.subtype) {
                (encoding, contentType) = (offer.encoding, offer.type + "/" + offer.subtype)
                break search
            }
        }
        if case .json = encoding { encoding = .json(pretty: pretty) }
        if encoding != .csv, parameters["chunked"] == "true" {
            chunkSize = parameters["chunk_size"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } ?? 10_000
        }
    }

    /// The media ranges of `Accept` headers, highest `q` first (stable); a range that does not parse is skipped,
    /// a `q` that does not parse counts as 0, a lone `*` is `*/*`.
    static func mediaRanges(_ headers: [String]) -> [(type: String, subtype: String)] {
        var ranges: [(type: String, subtype: String, q: Double)] = []
        for part in headers.lazy.flatMap({ $0.split(separator: ",", omittingEmptySubsequences: false) }) {
            let pieces = part.split(separator: ";", omittingEmptySubsequences: false)
            let mediaType = pieces[0].trimmingSpaces.lowercased()
            let names = mediaType.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard !mediaType.isEmpty, names.allSatisfy({ !$0.isEmpty }) else { continue }
            var q = 1.0
            for parameter in pieces.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces }
                if pair.count == 2, pair[0].lowercased() == "q" { q = Double(pair[1]) ?? 0 }
            }
            switch names.count {
            case 1 where names[0] == "*": ranges.append(("*", "*", q))
            case 2: ranges.append((names[0], names[1], q))
            default: continue
            }
        }
        return ranges.enumerated().sorted { ($0.element.q, -$0.offset) > ($1.element.q, -$1.offset) }.map {
            ($0.element.type, $0.element.subtype)
        }
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
